package uk.sen.review.rest;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.PlatformConventionsContract;

@QuarkusTest
class PlatformConventionsTest extends PlatformConventionsContract {

    @Override
    protected String service() {
        return "review-service";
    }
}
