package uk.sen.workload.repository;

import java.sql.SQLException;

/** PostgreSQL error states (row values: uk.sen.platform.io.Rows). */
public final class Sql {

    /** exclusion_violation: an EXCLUDE constraint (overlapping periods) refused the row. */
    public static final String EXCLUSION_VIOLATION = "23P01";
    public static final String UNIQUE_VIOLATION = "23505";

    private Sql() {
    }

    /** Whether {@code e} was caused by PostgreSQL refusing a row with {@code sqlState}. */
    public static boolean causedBy(Throwable e, String sqlState) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && sqlState.equals(s.getSQLState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && sqlState.equals(c.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
