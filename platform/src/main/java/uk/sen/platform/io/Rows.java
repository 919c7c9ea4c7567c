package uk.sen.platform.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;

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

    /** A {@code date} column: a LocalDate or a java.sql.Date, depending on the path it took. */
    public static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(value.toString());
    }

    /** A {@code uuid} column. */
    public static UUID uuid(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    /** A count or a whole-number column (0 for none). */
    public static long number(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        return new java.math.BigDecimal(value.toString()).longValue();
    }

    /** A PostgreSQL array literal of the values, to bind as a parameter and cast to {@code text[]}. */
    public static String textArray(Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String v : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
