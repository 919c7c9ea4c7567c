package uk.sen.register;

import uk.sen.platform.testing.ArchitectureContract;

class ArchitectureTest extends ArchitectureContract {

    @Override
    protected String rootPackage() {
        return "uk.sen.register";
    }
}
