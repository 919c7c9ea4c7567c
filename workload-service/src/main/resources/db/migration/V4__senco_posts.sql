-- The SENCO role, per school (issue 19): who holds it, since when, whether they sit on the senior leadership team,
-- and the mandatory qualification (the NPQ for SENCOs since September 2024; a new SENCO must achieve it within
-- three years of taking up the post; NASENCO holders are exempt). Staff data: no pupil is referred to.
CREATE TABLE senco_post (
    id                  UUID        PRIMARY KEY,
    trust_id            TEXT        NOT NULL,
    school_urn          TEXT        NOT NULL,
    senco               TEXT        NOT NULL,
    appointed_on        DATE        NOT NULL,
    ended_on            DATE        CHECK (ended_on IS NULL OR ended_on >= appointed_on),
    on_slt              BOOLEAN     NOT NULL,
    qualification       TEXT        NOT NULL CHECK (qualification IN
                                        ('NOT_STARTED', 'IN_PROGRESS', 'NPQ_ACHIEVED', 'NASENCO')),
    qualification_expected_on DATE,
    qualification_achieved_on DATE,
    set_by              TEXT        NOT NULL,
    set_at              TIMESTAMPTZ NOT NULL,
    version             BIGINT      NOT NULL DEFAULT 0,
    -- one post per SENCO and school at a time (a SENCO who returns later gets a new post after the old one ended)
    CONSTRAINT senco_post_no_overlap EXCLUDE USING gist (
        trust_id WITH =, school_urn WITH =, senco WITH =, daterange(appointed_on, ended_on, '[]') WITH &&)
);
CREATE INDEX senco_post_school ON senco_post (trust_id, school_urn, appointed_on DESC);

-- Qualification alerts raised, once per post and stage (DUE_SOON as the three-year limit nears, OVERDUE once passed).
CREATE TABLE qualification_alert (
    id          UUID        NOT NULL UNIQUE,
    post_id     UUID        NOT NULL REFERENCES senco_post (id),
    stage       TEXT        NOT NULL CHECK (stage IN ('DUE_SOON', 'OVERDUE')),
    deadline    DATE        NOT NULL,
    raised_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (post_id, stage)
);
