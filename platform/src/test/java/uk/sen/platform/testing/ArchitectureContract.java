package uk.sen.platform.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape every service keeps: its top-level packages (rest, messaging, service, events, repository, delivery,
 * domain, config) point one way, so no package uses one that uses it back. Inbound messaging (the consumers and what
 * applies an event) sits above the services; the event contracts and their publisher ({@code events}) below them.
 */
public abstract class ArchitectureContract {

    /** The service's root package, e.g. {@code uk.sen.review}. */
    protected abstract String rootPackage();

    @Test
    public void noPackageUsesOneThatUsesItBack() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage());
        slices().matching(rootPackage() + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
