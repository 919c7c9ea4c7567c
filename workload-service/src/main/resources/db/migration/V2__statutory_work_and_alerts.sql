-- The statutory work ahead, followed from review-service's events, and what the service derived from it.

-- One piece of statutory work (an EHCP annual or phase transfer review; later support plan reviews and EHC needs
-- assessment requests), keyed by review-service's id for it. OPEN work is forecast; HELD and DONE work with logged
-- time calibrates the expected effort; CLOSED work will not happen.
CREATE TABLE statutory_work (
    source_id      UUID        PRIMARY KEY,
    kind           TEXT        NOT NULL,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    pupil_id       UUID,
    due_by         DATE,
    meeting_date   DATE,
    held_on        DATE,
    status         TEXT        NOT NULL CHECK (status IN ('OPEN', 'HELD', 'DONE', 'CLOSED')),
    last_event_id  TEXT        NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX statutory_work_school ON statutory_work (trust_id, school_urn, status);

-- A time entry suggested by a held review meeting, waiting for one of the school's SENCOs to confirm or dismiss it.
CREATE TABLE suggested_entry (
    id                UUID        PRIMARY KEY,
    trust_id          TEXT        NOT NULL,
    school_urn        TEXT        NOT NULL,
    review_id         UUID        NOT NULL UNIQUE,
    pupil_id          UUID,
    review_kind       TEXT,
    held_on           DATE        NOT NULL,
    minutes           INT         NOT NULL CHECK (minutes > 0),
    duration_reported BOOLEAN     NOT NULL,
    category_code     TEXT        NOT NULL REFERENCES activity_category (code),
    status            TEXT        NOT NULL CHECK (status IN ('PENDING', 'CONFIRMED', 'DISMISSED')),
    entry_id          UUID,
    decided_by        TEXT,
    decided_at        TIMESTAMPTZ,
    event_id          TEXT        NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL,
    version           BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX suggested_entry_school ON suggested_entry (trust_id, school_urn, status, held_on);

-- "Allocation exceeded" raised for a SENCO at a school in a period (a term): the key makes it once per period.
-- Its id is the alertId of the uk.sen.workload.allocation-exceeded event written in the same transaction.
CREATE TABLE allocation_alert (
    id             UUID        NOT NULL UNIQUE,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    senco          TEXT        NOT NULL,
    period         TEXT        NOT NULL,
    basis          TEXT        NOT NULL CHECK (basis IN ('ACTUAL', 'FORECAST')),
    first_week     DATE        NOT NULL,
    last_week      DATE        NOT NULL,
    weeks_over     INT         NOT NULL,
    detail         TEXT        NOT NULL,
    raised_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (trust_id, school_urn, senco, period)
);
CREATE INDEX allocation_alert_recent ON allocation_alert (trust_id, raised_at DESC);
