package uk.sen.register.rest;

import io.quarkus.test.junit.QuarkusTest;
import uk.sen.platform.testing.PlatformConventionsContract;

@QuarkusTest
class PlatformConventionsTest extends PlatformConventionsContract {

    @Override
    protected String service() {
        return "register-service";
    }
}
