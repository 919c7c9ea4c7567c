-- Platform tables, the same in every service's database. Platform migrations are numbered V0_x so they run
-- before the service's own V1+ migrations.

-- Audit of every read and change of pupil-level data (UK GDPR special category data).
CREATE TABLE audit_record (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   TIMESTAMPTZ NOT NULL,
    actor         TEXT        NOT NULL,
    actor_roles   TEXT        NOT NULL,
    action        TEXT        NOT NULL,
    subject_type  TEXT        NOT NULL,
    subject_ids   TEXT[]      NOT NULL,
    trust_id      TEXT,
    school_urn    TEXT,
    detail        TEXT
);
CREATE INDEX audit_record_trust_time ON audit_record (trust_id, occurred_at DESC);
CREATE INDEX audit_record_subjects ON audit_record USING GIN (subject_ids);

-- Transactional outbox: written with the business change, published by the relay after the broker's ack.
CREATE TABLE outbox_event (
    seq          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           UUID        NOT NULL UNIQUE,
    topic        TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    subject      TEXT        NOT NULL,
    trust_id     TEXT,
    school_urn   TEXT,
    occurred_at  TIMESTAMPTZ NOT NULL,
    payload      TEXT        NOT NULL,
    sent_at      TIMESTAMPTZ
);
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;

-- Events a consumer has applied, written in the transaction that applies them: a redelivery changes nothing.
CREATE TABLE handled_event (
    consumer    TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    handled_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- Responses to creates sent with an Idempotency-Key, replayed when a client retries.
CREATE TABLE idempotency_record (
    caller        TEXT        NOT NULL,
    idem_key      TEXT        NOT NULL,
    request_hash  TEXT        NOT NULL,
    status        INT,
    location      TEXT,
    etag          TEXT,
    body          TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idem_key)
);
