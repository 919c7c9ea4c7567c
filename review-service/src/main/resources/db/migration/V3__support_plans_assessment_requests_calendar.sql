-- A deadline a recorded exception (Regs 10(4)) applies to: shown as excepted rather than missed.
ALTER TABLE deadline ADD COLUMN excepted BOOLEAN NOT NULL DEFAULT false;

-- SEN support (provision K): the assess-plan-do-review cycle. Opened and closed by register events; one open
-- (or closing) plan per pupil.
CREATE TABLE support_plan (
    id                  UUID PRIMARY KEY,
    pupil_id            UUID        NOT NULL REFERENCES followed_pupil (pupil_id),
    trust_id            TEXT        NOT NULL,
    school_urn          TEXT        NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSE_REQUESTED', 'CLOSED')),
    opened_on           DATE        NOT NULL,
    review_date         DATE,
    close_requested_on  DATE,
    closed_on           DATE,
    closed_reason       TEXT,
    version             BIGINT      NOT NULL DEFAULT 0,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX support_plan_one_open ON support_plan (pupil_id) WHERE status <> 'CLOSED';
CREATE INDEX support_plan_school ON support_plan (trust_id, school_urn);

-- The outcomes (targets) the plan works towards, each with its goal for this term.
CREATE TABLE support_outcome (
    plan_id      UUID NOT NULL REFERENCES support_plan (id) ON DELETE CASCADE,
    position     INT  NOT NULL,
    outcome_id   UUID NOT NULL,
    outcome      TEXT NOT NULL,
    termly_goal  TEXT,
    PRIMARY KEY (plan_id, position)
);

-- The provision that delivers the plan: what, how often, how long, by whom.
CREATE TABLE support_provision (
    plan_id           UUID NOT NULL REFERENCES support_plan (id) ON DELETE CASCADE,
    position          INT  NOT NULL,
    intervention      TEXT NOT NULL,
    frequency         TEXT,
    minutes_per_week  INT CHECK (minutes_per_week > 0),
    delivered_by      TEXT,
    PRIMARY KEY (plan_id, position)
);

-- One review of a support plan: scheduled (due at the end of a term), then held and scored, or cancelled when
-- the plan closes. At most one scheduled review per plan.
CREATE TABLE support_review (
    id                     UUID PRIMARY KEY,
    plan_id                UUID        NOT NULL REFERENCES support_plan (id),
    pupil_id               UUID        NOT NULL,
    trust_id               TEXT        NOT NULL,
    school_urn             TEXT        NOT NULL,
    status                 TEXT        NOT NULL CHECK (status IN ('SCHEDULED', 'COMPLETED', 'CANCELLED')),
    term                   TEXT        NOT NULL,
    due_on                 DATE        NOT NULL,
    held_on                DATE,
    next_step              TEXT CHECK (next_step IN ('CONTINUE', 'CHANGE_PROVISION', 'CLOSE_SUPPORT',
                                                     'REQUEST_EHC_ASSESSMENT')),
    assessment_request_id  UUID,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX support_review_one_scheduled ON support_review (plan_id) WHERE status = 'SCHEDULED';
CREATE INDEX support_review_school_due ON support_review (trust_id, school_urn, due_on);

-- Each outcome's progress at a review, -2 (much less than expected) to +2 (much more than expected). The
-- outcome's wording is kept as it was reviewed, since the plan's outcomes change later.
CREATE TABLE support_review_score (
    review_id   UUID NOT NULL REFERENCES support_review (id) ON DELETE CASCADE,
    position    INT  NOT NULL,
    outcome_id  UUID NOT NULL,
    outcome     TEXT NOT NULL,
    score       INT  NOT NULL CHECK (score BETWEEN -2 AND 2),
    comment     TEXT NOT NULL,
    PRIMARY KEY (review_id, position)
);

-- SEN2 request outcome codes as data, so a new collection year's list is a migration, not a code change.
-- meaning_confirmed says whether the wording was checked against the DfE SEN2 guide; none was when this was
-- written. Y and N carry the plain reading the service applies to the LA's decision whether to assess; A, W and H
-- are kept without a meaning rather than with a guessed one, and are only ever set by a user who chooses them.
CREATE TABLE sen2_request_outcome (
    code               TEXT PRIMARY KEY CHECK (length(code) = 1),
    description        TEXT    NOT NULL,
    meaning_confirmed  BOOLEAN NOT NULL
);
INSERT INTO sen2_request_outcome (code, description, meaning_confirmed) VALUES
    ('Y', 'Yes: the LA decided to carry out an EHC needs assessment', false),
    ('N', 'No: the LA decided not to carry out an EHC needs assessment', false),
    ('A', 'SEN2 request outcome A (see the DfE SEN2 guide for the collection year)', false),
    ('W', 'SEN2 request outcome W (see the DfE SEN2 guide for the collection year)', false),
    ('H', 'SEN2 request outcome H (see the DfE SEN2 guide for the collection year)', false);

-- An EHC needs assessment request: the 20-week clock starts the day the LA receives it.
CREATE TABLE assessment_request (
    id                 UUID PRIMARY KEY,
    pupil_id           UUID        NOT NULL REFERENCES followed_pupil (pupil_id),
    trust_id           TEXT        NOT NULL,
    school_urn         TEXT        NOT NULL,
    requested_by       TEXT        NOT NULL CHECK (requested_by IN ('SCHOOL', 'PARENT')),
    status             TEXT        NOT NULL CHECK (status IN ('PREPARING', 'RECEIVED', 'ASSESSING', 'ISSUING',
                                                              'COMPLETED', 'ENDED')),
    source_review_id   UUID REFERENCES support_review (id),
    received_on        DATE,
    assess             BOOLEAN,
    assess_decided_on  DATE,
    issue              BOOLEAN,
    issue_decided_on   DATE,
    final_plan_on      DATE,
    outcome_code       TEXT REFERENCES sen2_request_outcome (code),
    ended_on           DATE,
    ended_reason       TEXT,
    version            BIGINT      NOT NULL DEFAULT 0,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX assessment_request_one_open ON assessment_request (pupil_id)
    WHERE status NOT IN ('COMPLETED', 'ENDED');
CREATE INDEX assessment_request_school ON assessment_request (trust_id, school_urn);

-- An exception to the time limits (Regs 10(4)), recorded with its reason and date and the steps it excuses.
CREATE TABLE assessment_exception (
    id           UUID PRIMARY KEY,
    request_id   UUID        NOT NULL REFERENCES assessment_request (id) ON DELETE CASCADE,
    kind         TEXT        NOT NULL CHECK (kind IN ('SCHOOL_CLOSURE', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES',
                                                      'FAMILY_AWAY')),
    reason       TEXT        NOT NULL,
    recorded_on  DATE        NOT NULL,
    period_from  DATE,
    period_to    DATE,
    steps        TEXT        NOT NULL,
    recorded_by  TEXT        NOT NULL,
    recorded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX assessment_exception_request ON assessment_exception (request_id);

-- A user's secret calendar feed: only the SHA-256 of the token is kept. The scope is the user's as it was when
-- the token was issued (the feed has no bearer token to read it from); issuing a new token refreshes it.
CREATE TABLE calendar_feed (
    user_subject  TEXT PRIMARY KEY,
    username      TEXT        NOT NULL,
    token_hash    TEXT        NOT NULL UNIQUE,
    trust_id      TEXT        NOT NULL,
    trust_wide    BOOLEAN     NOT NULL,
    schools       TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ
);
