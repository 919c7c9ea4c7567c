-- The notification service's own view of each pupil, kept from sen.register.v1: only what scoping and messages
-- need. case_reference is a random reference for messages (it says nothing about the child).
CREATE TABLE known_pupil (
    pupil_id        UUID PRIMARY KEY,
    trust_id        TEXT        NOT NULL,
    school_urn      TEXT        NOT NULL,
    provision       TEXT        NOT NULL,
    case_reference  TEXT        NOT NULL UNIQUE,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX known_pupil_school ON known_pupil (trust_id, school_urn);

-- Parents and carers, and the agencies involved with a pupil, each with a named contact.
CREATE TABLE contact (
    id                       UUID PRIMARY KEY,
    pupil_id                 UUID        NOT NULL REFERENCES known_pupil (pupil_id),
    trust_id                 TEXT        NOT NULL,
    school_urn               TEXT        NOT NULL,
    kind                     TEXT        NOT NULL CHECK (kind IN ('PARENT_CARER', 'AGENCY')),
    name                     TEXT        NOT NULL,
    relationship             TEXT,
    parental_responsibility  BOOLEAN,
    agency                   TEXT,
    organisation             TEXT,
    email                    TEXT,
    mobile                   TEXT,
    address_line1            TEXT,
    address_line2            TEXT,
    town                     TEXT,
    postcode                 TEXT,
    preferred_channel        TEXT        NOT NULL CHECK (preferred_channel IN ('EMAIL', 'SMS', 'POST')),
    version                  BIGINT      NOT NULL DEFAULT 0,
    created_at               TIMESTAMPTZ NOT NULL,
    created_by               TEXT        NOT NULL,
    updated_at               TIMESTAMPTZ NOT NULL,
    CHECK ((kind = 'PARENT_CARER' AND relationship IS NOT NULL AND parental_responsibility IS NOT NULL
                AND agency IS NULL)
        OR (kind = 'AGENCY' AND agency IS NOT NULL AND relationship IS NULL AND parental_responsibility IS NULL))
);
CREATE INDEX contact_pupil ON contact (pupil_id);

-- Why the school may share with an agency about a pupil (UK GDPR lawful basis), from when, and until when.
CREATE TABLE sharing_basis (
    id            UUID PRIMARY KEY,
    pupil_id      UUID        NOT NULL REFERENCES known_pupil (pupil_id),
    trust_id      TEXT        NOT NULL,
    school_urn    TEXT        NOT NULL,
    agency        TEXT        NOT NULL,
    basis         TEXT        NOT NULL CHECK (basis IN ('CONSENT', 'LEGAL_OBLIGATION', 'PUBLIC_TASK')),
    given_on      DATE        NOT NULL,
    withdrawn_on  DATE,
    note          TEXT,
    version       BIGINT      NOT NULL DEFAULT 0,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    TEXT        NOT NULL,
    UNIQUE (pupil_id, agency),
    CHECK (withdrawn_on IS NULL OR withdrawn_on >= given_on)
);

-- A school's own staff who receive the service's alerts: the SENCO, and the senior leadership (SLT) contact.
CREATE TABLE staff_contact (
    id          UUID PRIMARY KEY,
    trust_id    TEXT        NOT NULL,
    school_urn  TEXT        NOT NULL,
    role        TEXT        NOT NULL CHECK (role IN ('SENCO', 'SLT')),
    name        TEXT        NOT NULL,
    email       TEXT        NOT NULL,
    version     BIGINT      NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX staff_contact_school ON staff_contact (trust_id, school_urn, role);

-- What triggers a message: event type (and a condition on its data) -> recipients -> channel -> template.
CREATE TABLE trigger_rule (
    id               TEXT PRIMARY KEY,
    event_type       TEXT    NOT NULL,
    condition        TEXT,
    recipients       TEXT    NOT NULL CHECK (recipients IN ('PARENTS_WITH_PR', 'INVITED_PARENTS', 'INVITED_AGENCIES',
                                                             'SCHOOL_SENCO', 'SCHOOL_SLT')),
    channel          TEXT    NOT NULL CHECK (channel IN ('PREFERRED', 'EMAIL', 'SMS')),
    template_key     TEXT    NOT NULL,
    attach_calendar  BOOLEAN NOT NULL DEFAULT FALSE,
    catch_up_days    INT     NOT NULL DEFAULT 0 CHECK (catch_up_days >= 0),
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    description      TEXT    NOT NULL
);
CREATE INDEX trigger_rule_type ON trigger_rule (event_type) WHERE active;

-- Which agencies an invitee role of a review meeting stands for.
CREATE TABLE invitee_agency (
    invitee_role  TEXT NOT NULL,
    agency        TEXT NOT NULL,
    PRIMARY KEY (invitee_role, agency)
);

-- Qute templates per key and channel; a row with a trust id overrides the default (trust_id NULL) for that trust.
CREATE TABLE message_template (
    id                  UUID PRIMARY KEY,
    trust_id            TEXT,
    template_key        TEXT        NOT NULL,
    channel             TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS')),
    subject             TEXT,
    body                TEXT        NOT NULL,
    notify_template_id  TEXT,
    version             BIGINT      NOT NULL DEFAULT 0,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_by          TEXT        NOT NULL
);
CREATE UNIQUE INDEX message_template_key ON message_template (COALESCE(trust_id, ''), template_key, channel);

-- Events that triggered messages, kept for a while so a contact added later still gets what is still relevant
-- (rules with catch_up_days). A later event with the same supersede_key (a meeting set again) replaces it.
CREATE TABLE trigger_event (
    event_id       TEXT PRIMARY KEY,
    event_type     TEXT        NOT NULL,
    pupil_id       UUID        NOT NULL,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT,
    occurred_at    TIMESTAMPTZ,
    received_at    TIMESTAMPTZ NOT NULL,
    supersede_key  TEXT,
    data           TEXT        NOT NULL
);
CREATE INDEX trigger_event_pupil ON trigger_event (pupil_id, received_at);
CREATE INDEX trigger_event_supersede ON trigger_event (supersede_key) WHERE supersede_key IS NOT NULL;

-- Review meetings from sen.review.v1, for the reminder job.
CREATE TABLE review_meeting (
    review_id      UUID PRIMARY KEY,
    pupil_id       UUID        NOT NULL,
    trust_id       TEXT        NOT NULL,
    school_urn     TEXT        NOT NULL,
    meeting_date   DATE        NOT NULL,
    set_on         DATE        NOT NULL,
    invitee_roles  TEXT        NOT NULL,
    sequence       INT         NOT NULL DEFAULT 0,
    status         TEXT        NOT NULL CHECK (status IN ('OPEN', 'HELD', 'CLOSED')),
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX review_meeting_open ON review_meeting (meeting_date) WHERE status = 'OPEN';

-- Every message, from the moment a trigger creates it to its delivery, failure or suppression (the delivery log).
-- One row per (trigger, recipient, channel): a redelivered event or a second replica can never add a second.
CREATE TABLE message (
    id               UUID PRIMARY KEY,
    trigger_id       TEXT        NOT NULL,
    trigger_type     TEXT        NOT NULL,
    rule_id          TEXT,
    pupil_id         UUID,
    trust_id         TEXT        NOT NULL,
    school_urn       TEXT,
    recipient_kind   TEXT        NOT NULL CHECK (recipient_kind IN ('PARENT_CARER', 'AGENCY', 'STAFF')),
    recipient_id     UUID        NOT NULL,
    recipient_name   TEXT        NOT NULL,
    agency           TEXT,
    channel          TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'SMS', 'NONE')),
    address          TEXT,
    provider         TEXT        CHECK (provider IN ('SMTP', 'NOTIFY')),
    template_key     TEXT        NOT NULL,
    subject          TEXT,
    body             TEXT,
    personalisation  TEXT,
    calendar         TEXT,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DELIVERED', 'FAILED',
                                                           'SUPPRESSED', 'UNCONFIRMED')),
    reason_code      TEXT,
    status_reason    TEXT,
    attempts         INT         NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ,
    claimed_at       TIMESTAMPTZ,
    sent_at          TIMESTAMPTZ,
    provider_ref     TEXT,
    provider_status  TEXT,
    resend_of        UUID REFERENCES message (id),
    requested_by     TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (trigger_id, recipient_id, channel)
);
CREATE INDEX message_due ON message (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX message_sending ON message (claimed_at) WHERE status = 'SENDING';
CREATE INDEX message_notify_open ON message (sent_at) WHERE status = 'SENT' AND provider = 'NOTIFY';
CREATE INDEX message_pupil ON message (pupil_id, created_at DESC);
CREATE INDEX message_recipient ON message (recipient_id, created_at DESC);

-- What was shared with an agency, with whom, why and on what basis: one row per message an agency was sent.
CREATE TABLE sharing_record (
    id                 UUID PRIMARY KEY,
    message_id         UUID        NOT NULL UNIQUE REFERENCES message (id),
    pupil_id           UUID        NOT NULL,
    trust_id           TEXT        NOT NULL,
    school_urn         TEXT,
    agency             TEXT        NOT NULL,
    contact_id         UUID        NOT NULL,
    recipient_name     TEXT        NOT NULL,
    recipient_address  TEXT        NOT NULL,
    channel            TEXT        NOT NULL,
    shared_at          TIMESTAMPTZ NOT NULL,
    what               TEXT        NOT NULL,
    why                TEXT        NOT NULL,
    basis              TEXT        NOT NULL,
    basis_given_on     DATE        NOT NULL
);
CREATE INDEX sharing_record_pupil ON sharing_record (pupil_id, shared_at DESC);
