package uk.sen.platform;

import uk.sen.platform.testing.ArchitectureContract;

/** The platform's own resources (audit, dead letters, the caller) keep to the services' shape too. */
class PlatformArchitectureTest extends ArchitectureContract {

    @Override
    protected String rootPackage() {
        return "uk.sen.platform";
    }
}
