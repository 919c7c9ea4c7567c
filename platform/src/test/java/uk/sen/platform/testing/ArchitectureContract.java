package uk.sen.platform.testing;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The shape every service keeps: its top-level packages (rest, messaging, service, events, repository, delivery,
 * domain, config) point one way, so no package uses one that uses it back. Inbound messaging (the consumers and what
 * applies an event) sits above the services; the event contracts and their publisher ({@code events}) below them.
 * Resources are thin: they parse, call a service and map the answer; queries, scope and audit live in the services
 * and repositories, so a resource never touches the database itself.
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

    private static final java.util.Set<String> PANACHE_DATA_METHODS = java.util.Set.of("find", "findById",
            "findByIdOptional", "findAll", "list", "listAll", "stream", "streamAll", "count", "persist",
            "persistAndFlush", "delete", "deleteAll", "deleteById", "update", "flush", "getEntityManager");

    @Test
    public void resourcesNeverTouchTheDatabase() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage());
        noClasses().that().haveSimpleNameEndingWith("Resource")
                .should().dependOnClassesThat().areAssignableTo(jakarta.persistence.EntityManager.class)
                .orShould().dependOnClassesThat().areAssignableTo(javax.sql.DataSource.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.sql.Connection.class)
                .orShould().dependOnClassesThat().areAssignableTo(io.quarkus.hibernate.orm.panache.PanacheRepositoryBase.class)
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
                .orShould().callMethodWhere(describe("a Panache data method of an entity", call ->
                        call.getTargetOwner().isAssignableTo(io.quarkus.hibernate.orm.panache.PanacheEntityBase.class)
                                && PANACHE_DATA_METHODS.contains(call.getName())))
                .because("a resource parses, calls one service method and maps the answer (README, Layout)")
                .allowEmptyShould(true)
                .check(classes);
    }
}
