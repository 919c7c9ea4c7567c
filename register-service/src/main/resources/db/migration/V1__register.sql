CREATE TABLE school (
    urn          TEXT PRIMARY KEY CHECK (urn ~ '^[0-9]{6}$'),
    trust_id     TEXT        NOT NULL,
    la_code      TEXT        NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
    estab_number TEXT        NOT NULL CHECK (estab_number ~ '^[0-9]{4}$'),
    name         TEXT        NOT NULL,
    phase        TEXT        NOT NULL,
    lowest_age   INT         NOT NULL,
    highest_age  INT         NOT NULL,
    version      BIGINT      NOT NULL DEFAULT 0,
    UNIQUE (la_code, estab_number)
);
CREATE INDEX school_trust ON school (trust_id);

CREATE TABLE pupil (
    id             UUID PRIMARY KEY,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL REFERENCES school (urn),
    upn            TEXT        NOT NULL,
    former_upn     TEXT,
    forename       TEXT        NOT NULL,
    surname        TEXT        NOT NULL,
    date_of_birth  DATE        NOT NULL,
    sex            TEXT        NOT NULL,
    nc_year        TEXT        NOT NULL,
    on_roll_date   DATE        NOT NULL,
    leaving_date   DATE,
    version        BIGINT      NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    UNIQUE (trust_id, upn)
);
CREATE INDEX pupil_school ON pupil (school_urn, surname, forename);
CREATE INDEX pupil_trust_name ON pupil (trust_id, surname, forename);

CREATE TABLE sen_provision (
    id               UUID PRIMARY KEY,
    pupil_id         UUID        NOT NULL REFERENCES pupil (id),
    provision        TEXT        NOT NULL CHECK (provision IN ('K', 'E', 'S', 'A', 'P')),
    start_date       DATE        NOT NULL,
    end_date         DATE,
    end_reason       TEXT,
    issuing_la       TEXT,
    plan_issue_date  DATE,
    recorded_at      TIMESTAMPTZ NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date)
);
-- Only one provision open at a time for a pupil.
CREATE UNIQUE INDEX sen_provision_one_open ON sen_provision (pupil_id) WHERE end_date IS NULL;
CREATE INDEX sen_provision_pupil ON sen_provision (pupil_id, start_date);

CREATE TABLE pupil_need (
    pupil_id   UUID NOT NULL REFERENCES pupil (id),
    rank       INT  NOT NULL CHECK (rank IN (1, 2)),
    need_code  TEXT NOT NULL,
    PRIMARY KEY (pupil_id, rank)
);
CREATE INDEX pupil_need_code ON pupil_need (need_code);
