package uk.sen.platform.inbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** Which failures are an outage of the infrastructure (waited out) and which are the event's (dead-lettered). */
class EventConsumptionTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("transaction failed", new RuntimeException("flush", cause));
    }

    @Test
    void theDatabaseRestartingOrUnreachableIsAnOutage() {
        // what PostgreSQL's driver says while the server restarts (the fault run's case), and when it refuses
        assertTrue(EventConsumption.isOutage(wrapped(new SQLException("An I/O error occurred while sending to the "
                + "backend.", "08006"))));
        assertTrue(EventConsumption.isOutage(wrapped(new SQLException("terminating connection due to administrator "
                + "command", "57P01"))));
        assertTrue(EventConsumption.isOutage(wrapped(new SQLException("the database system is starting up", "57P03"))));
        assertTrue(EventConsumption.isOutage(wrapped(new java.net.ConnectException("Connection refused"))));
        assertTrue(EventConsumption.isOutage(wrapped(new SQLException("Acquisition timeout while waiting for new "
                + "connection"))));
        assertTrue(EventConsumption.isOutage(wrapped(new SQLException("deadlock detected", "40P01"))));
    }

    @Test
    void whatTheEventCausesIsNot() {
        assertFalse(EventConsumption.isOutage(wrapped(new SQLException("duplicate key value", "23505"))));
        assertFalse(EventConsumption.isOutage(wrapped(new SQLException("value too long", "22001"))));
        assertFalse(EventConsumption.isOutage(new IllegalArgumentException("no such need code")));
        assertFalse(EventConsumption.isOutage(new MalformedEventException("not a CloudEvent")));
    }
}
