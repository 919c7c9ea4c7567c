-- Replays of dead letters by an operator: who replayed which record of a dead-letter topic, when, and how it went.
-- (Platform migrations after V0_1 run out of order in a database that already has the service's own V1+.)
CREATE TABLE dead_letter_replay (
    id                     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dead_letter_topic      TEXT        NOT NULL,
    dead_letter_partition  INT         NOT NULL,
    dead_letter_offset     BIGINT      NOT NULL,
    event_id               TEXT,
    trust_id               TEXT        NOT NULL,
    replayed_by            TEXT        NOT NULL,
    replayed_at            TIMESTAMPTZ NOT NULL,
    outcome                TEXT        NOT NULL,
    detail                 TEXT
);
CREATE INDEX dead_letter_replay_record ON dead_letter_replay (dead_letter_topic, dead_letter_partition, dead_letter_offset);
