ALTER TABLE followed_pupil ADD COLUMN school_phase TEXT;
ALTER TABLE followed_pupil ADD COLUMN school_highest_age INT;
ALTER TABLE followed_pupil ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- An EHC plan review: the annual review, or the phase transfer review that names the next setting.
CREATE TABLE annual_review (
    id                    UUID PRIMARY KEY,
    pupil_id              UUID        NOT NULL REFERENCES followed_pupil (pupil_id),
    trust_id              TEXT        NOT NULL,
    school_urn            TEXT        NOT NULL,
    kind                  TEXT        NOT NULL CHECK (kind IN ('ANNUAL', 'PHASE_TRANSFER')),
    transfer              TEXT,
    status                TEXT        NOT NULL,
    reference_date        DATE        NOT NULL,
    due_by                DATE        NOT NULL,
    plan_by               DATE,
    meeting_date          DATE,
    invitations_sent_on   DATE,
    advice_circulated_on  DATE,
    held_on               DATE,
    attendees             TEXT,
    report_sent_on        DATE,
    la_decision           TEXT CHECK (la_decision IN ('MAINTAIN', 'AMEND', 'CEASE')),
    la_decision_on        DATE,
    amendment_notice_on   DATE,
    final_plan_on         DATE,
    closed_reason         TEXT,
    version               BIGINT      NOT NULL DEFAULT 0,
    created_at            TIMESTAMPTZ NOT NULL,
    updated_at            TIMESTAMPTZ NOT NULL
);
-- One open review per pupil at a time.
CREATE UNIQUE INDEX annual_review_one_open ON annual_review (pupil_id) WHERE status NOT IN ('COMPLETED', 'CLOSED');
CREATE INDEX annual_review_school ON annual_review (trust_id, school_urn, due_by);

CREATE TABLE review_invitee (
    review_id   UUID NOT NULL REFERENCES annual_review (id) ON DELETE CASCADE,
    position    INT  NOT NULL,
    role        TEXT NOT NULL,
    name        TEXT,
    PRIMARY KEY (review_id, position)
);

-- Every dated statutory step, flat, so the deadline monitor scans one index.
CREATE TABLE deadline (
    id          UUID PRIMARY KEY,
    pupil_id    UUID        NOT NULL,
    trust_id    TEXT        NOT NULL,
    school_urn  TEXT        NOT NULL,
    source_type TEXT        NOT NULL,
    source_id   UUID        NOT NULL,
    step        TEXT        NOT NULL,
    statutory   BOOLEAN     NOT NULL,
    due_on      DATE        NOT NULL,
    done_on     DATE,
    cancelled   BOOLEAN     NOT NULL DEFAULT false,
    UNIQUE (source_id, step)
);
CREATE INDEX deadline_open_due ON deadline (due_on) WHERE done_on IS NULL AND NOT cancelled;
CREATE INDEX deadline_school ON deadline (trust_id, school_urn, due_on);

-- An alert sent for a deadline at a threshold ('14', '3', 'MISSED'): the key makes it exactly once.
CREATE TABLE deadline_alert (
    deadline_id  UUID        NOT NULL REFERENCES deadline (id) ON DELETE CASCADE,
    threshold    TEXT        NOT NULL,
    sent_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (deadline_id, threshold)
);
