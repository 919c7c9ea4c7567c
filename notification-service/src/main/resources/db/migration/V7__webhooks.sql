-- Webhooks for a trust's systems: a subscription (an HTTPS endpoint, the event types it wants, the secret that signs
-- each delivery, shown once) and the deliveries made to it (one per subscription and event; the delivery log).
CREATE TABLE webhook_subscription (
    id                     UUID PRIMARY KEY,
    trust_id               TEXT        NOT NULL,
    schools                TEXT[],                  -- null: the whole trust; else only events of these schools
    url                    TEXT        NOT NULL,
    description            TEXT,
    event_types            TEXT[]      NOT NULL,
    secret                 TEXT        NOT NULL,
    previous_secret        TEXT,                    -- still signs deliveries during a rotation's overlap
    previous_secret_until  TIMESTAMPTZ,
    alert_email            TEXT        NOT NULL,
    status                 TEXT        NOT NULL CHECK (status IN ('ENABLED', 'DISABLED')),
    disabled_reason        TEXT,
    disabled_at            TIMESTAMPTZ,
    created_by             TEXT        NOT NULL,
    version                BIGINT      NOT NULL DEFAULT 0,
    created_at             TIMESTAMPTZ NOT NULL,
    updated_at             TIMESTAMPTZ NOT NULL
);
CREATE INDEX webhook_subscription_trust ON webhook_subscription (trust_id);

CREATE TABLE webhook_delivery (
    id                UUID PRIMARY KEY,
    subscription_id   UUID        NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    event_id          TEXT        NOT NULL,
    event_type        TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    school_urn        TEXT,
    body              TEXT        NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('PENDING', 'SENDING', 'DELIVERED', 'FAILED')),
    attempts          INT         NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ,
    first_attempt_at  TIMESTAMPTZ,
    claimed_at        TIMESTAMPTZ,
    last_status_code  INT,
    last_error        TEXT,
    delivered_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL,
    seq               BIGINT GENERATED ALWAYS AS IDENTITY,
    UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_open ON webhook_delivery (subscription_id, subject, seq)
    WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, created_at DESC);
