-- The W3C traceparent of the change that wrote the event (null when tracing is off), so the relay publishes the
-- event as part of the change's trace (uk.sen.platform.tracing.TraceContext).
ALTER TABLE outbox_event ADD COLUMN traceparent TEXT;
