package uk.sen.notification.rest;

import java.util.Set;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.OpenApiFuzzContract;

@QuarkusTest
class OpenApiFuzzTest extends OpenApiFuzzContract {

    /** The senders claim, send and settle messages on their own schedule, whatever the requests do. */
    @Override
    protected Set<String> unwatchedTables() {
        return Set.of("message");
    }
}
