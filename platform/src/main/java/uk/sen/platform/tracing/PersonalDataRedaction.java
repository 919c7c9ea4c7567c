package uk.sen.platform.tracing;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Keeps personal data out of traces: a request's query (a pupil's name in a register search) is replaced before any
 * exporter sees the span. Paths carry only opaque ids, and the route is the template.
 */
@ApplicationScoped
public class PersonalDataRedaction implements SpanProcessor {

    static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> FULL = AttributeKey.stringKey("url.full");
    static final AttributeKey<String> TARGET = AttributeKey.stringKey("http.target");

    @Override
    public void onStart(Context parent, ReadWriteSpan span) {
        if (span.getAttribute(QUERY) != null) {
            span.setAttribute(QUERY, "redacted");
        }
        String full = span.getAttribute(FULL);
        if (full != null && full.indexOf('?') >= 0) {
            span.setAttribute(FULL, full.substring(0, full.indexOf('?')) + "?redacted");
        }
        String target = span.getAttribute(TARGET);
        if (target != null && target.indexOf('?') >= 0) {
            span.setAttribute(TARGET, target.substring(0, target.indexOf('?')) + "?redacted");
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
