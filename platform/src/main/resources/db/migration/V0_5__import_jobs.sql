-- Long imports run as jobs (Prefer: respond-async): what a job has read and applied so far, and its report at the end.
-- A job whose worker stops (the process ends) is marked FAILED by the next sweep of any replica.
CREATE TABLE import_job (
    id           UUID PRIMARY KEY,
    kind         TEXT        NOT NULL,
    trust_id     TEXT        NOT NULL,
    school_urn   TEXT,
    created_by   TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
    rows_read    BIGINT      NOT NULL DEFAULT 0,
    applied      BIGINT      NOT NULL DEFAULT 0,
    unchanged    BIGINT      NOT NULL DEFAULT 0,
    invalid      BIGINT      NOT NULL DEFAULT 0,
    report       TEXT,
    problem      TEXT,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX import_job_running ON import_job (updated_at) WHERE status = 'RUNNING';
