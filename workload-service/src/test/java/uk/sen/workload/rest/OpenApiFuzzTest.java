package uk.sen.workload.rest;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.OpenApiFuzzContract;

@QuarkusTest
class OpenApiFuzzTest extends OpenApiFuzzContract {
}
