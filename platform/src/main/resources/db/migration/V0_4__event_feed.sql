-- The event feed (GET /api/v1/events): events in the order they were published. The relay numbers each batch it
-- marks sent (one relay at a time, under its advisory lock, so batch n+1 is numbered only after batch n committed);
-- the feed reads by (feed_batch, seq), so a reader never skips an event that commits after it read.
CREATE SEQUENCE outbox_feed_batch START WITH 1;
ALTER TABLE outbox_event ADD COLUMN feed_batch BIGINT;
UPDATE outbox_event SET feed_batch = 0 WHERE sent_at IS NOT NULL;
CREATE INDEX outbox_event_feed ON outbox_event (feed_batch, seq) WHERE feed_batch IS NOT NULL;
