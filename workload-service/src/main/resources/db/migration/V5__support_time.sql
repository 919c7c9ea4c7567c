-- Time an SEN administrator gives to a SENCO (issue 24): the administrator's own entries, each for the SENCO whose
-- paperwork it took off (a SENCO holding a post at the school that day). Kept apart from the SENCOs' own time, so a
-- SENCO's hours against their allocation are theirs alone; the reports show beside them the support each received.
CREATE TABLE support_entry (
    id             UUID        PRIMARY KEY,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    given_by       TEXT        NOT NULL,
    senco          TEXT        NOT NULL,
    entry_date     DATE        NOT NULL,
    minutes        INT         NOT NULL CHECK (minutes > 0),
    category_code  TEXT        NOT NULL REFERENCES activity_category (code),
    note           TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    version        BIGINT      NOT NULL DEFAULT 0
);
CREATE INDEX support_entry_report ON support_entry (trust_id, school_urn, entry_date) INCLUDE (senco, minutes);
CREATE INDEX support_entry_given ON support_entry (trust_id, given_by, entry_date DESC);
