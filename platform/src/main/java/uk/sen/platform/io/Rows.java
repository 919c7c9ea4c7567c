package uk.sen.platform.io;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Values of native query rows, as the PostgreSQL driver and Hibernate hand them over. */
public final class Rows {

    private Rows() {
    }

    /** A {@code timestamptz} column: an Instant, an OffsetDateTime or a Timestamp, depending on the path it took. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(value.toString());
    }
}
