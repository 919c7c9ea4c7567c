-- The review service's own view of each pupil, kept from sen.register.v1 (never read from the register's tables).
CREATE TABLE followed_pupil (
    pupil_id              UUID PRIMARY KEY,
    trust_id              TEXT        NOT NULL,
    school_urn            TEXT        NOT NULL,
    la_code               TEXT,
    date_of_birth         DATE,
    nc_year               TEXT,
    provision             TEXT        NOT NULL,
    provision_start_date  DATE,
    issuing_la            TEXT,
    plan_issue_date       DATE,
    primary_need          TEXT,
    secondary_need        TEXT,
    updated_at            TIMESTAMPTZ NOT NULL
);
CREATE INDEX followed_pupil_school ON followed_pupil (trust_id, school_urn);

-- What happened to a followed pupil, one line per applied register event.
CREATE TABLE pupil_timeline (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    pupil_id     UUID        NOT NULL,
    event_id     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    occurred_at  TIMESTAMPTZ,
    summary      TEXT        NOT NULL
);
CREATE INDEX pupil_timeline_pupil ON pupil_timeline (pupil_id, id);
