-- The trace of what caused a message (the W3C traceparent of the event or request that planned it), so that its
-- sending joins that trace: one trace from the register change to the email. Null when tracing is off.
ALTER TABLE message ADD COLUMN traceparent text;
