-- Views and advice gathered before an EHC plan annual review (issue 24). The SENCO (or SEN administrator) asks a
-- teacher of the school (by account), the pupil's parents, or one kind of agency for their contribution by a due
-- date (by default the statutory two weeks before the meeting). Teachers answer through the API; parents and
-- agencies through a form reached by a signed link that notification-service sends them (the link is never stored:
-- it is minted from the request's id and the contact's). Forms close when the meeting is held or its day has passed.
CREATE TABLE contribution_request (
    id            UUID        PRIMARY KEY,
    trust_id      TEXT        NOT NULL,
    school_urn    TEXT        NOT NULL,
    pupil_id      UUID        NOT NULL,
    review_id     UUID        NOT NULL REFERENCES annual_review (id),
    contributor   TEXT        NOT NULL CHECK (contributor IN ('TEACHER', 'PARENT', 'AGENCY')),
    teacher       TEXT,
    agency        TEXT,
    due_on        DATE        NOT NULL,
    requested_by  TEXT        NOT NULL,
    reminded_at   TIMESTAMPTZ,
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    CHECK ((contributor = 'TEACHER') = (teacher IS NOT NULL)),
    CHECK ((contributor = 'AGENCY') = (agency IS NOT NULL))
);
CREATE INDEX contribution_request_review ON contribution_request (review_id);
CREATE INDEX contribution_request_teacher ON contribution_request (teacher, trust_id) WHERE teacher IS NOT NULL;

-- One contribution per request and contributor (the teacher's account, or the contact the link was sent to).
CREATE TABLE contribution (
    id            UUID        PRIMARY KEY,
    request_id    UUID        NOT NULL REFERENCES contribution_request (id),
    trust_id      TEXT        NOT NULL,
    school_urn    TEXT        NOT NULL,
    contributor   TEXT        NOT NULL,
    views         TEXT,
    concerns      TEXT,
    hopes         TEXT,
    outcomes      TEXT,
    report        BYTEA,
    report_bytes  INTEGER,
    received_at   TIMESTAMPTZ NOT NULL,
    shared_on     DATE,
    version       BIGINT      NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    UNIQUE (request_id, contributor)
);
