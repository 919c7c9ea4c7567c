-- A pupil's one-page profile (issue 19): what the pupil wants people to know, what helps and what does not, in the
-- words the SENCO records with the pupil. The needs, outcomes, provision and next review on the page come from
-- what the service already holds; only the pupil's own words are stored here.
CREATE TABLE pupil_profile (
    id               UUID        PRIMARY KEY,
    pupil_id         UUID        NOT NULL UNIQUE,
    trust_id         TEXT        NOT NULL,
    school_urn       TEXT        NOT NULL,
    known_as         TEXT,
    about_me         TEXT,
    what_helps       TEXT,
    what_does_not_help TEXT,
    updated_by       TEXT        NOT NULL,
    version          BIGINT      NOT NULL DEFAULT 0,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
