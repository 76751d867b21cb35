package com.kustomergateway.bootstrap;

import com.kustomergateway.application.planted.OutboxRowsInAUseCase;
import com.kustomergateway.bootstrap.planted.DevKeyInProduction;
import com.kustomergateway.bootstrap.planted.OpenResolver;
import com.kustomergateway.domain.planted.LeakyValue;
import com.kustomergateway.domain.port.KustomerPort;
import com.kustomergateway.domain.port.OperationStore;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.Entity;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.Test;

import io.smallrye.graphql.api.Subscription;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The arrows point inward. Rules are allow-lists over the real classes of every module (test classes left out),
 * and ArchUnit's fail-on-empty stays on, so a rule that matches nothing fails instead of passing.
 */
class ArchitectureTest {

    static final String ROOT = "com.kustomergateway";

    /** What dev mode and the tests bring (provided and test scope): on this classpath, never in the packaged app. */
    static final ImportOption NOT_DEV_OR_TEST_SUPPORT =
            location -> !location.contains("dev-support") && !location.contains("test-support");

    static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(NOT_DEV_OR_TEST_SUPPORT)
            .importPackages(ROOT);

    static final ArchRule DOMAIN_IS_PLAIN_JAVA = classes()
            .that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..")
            .because("the domain speaks Kustomer's business in plain Java, with no framework in it");

    static final ArchRule APPLICATION_USES_ONLY_STANDARD_APIS = classes()
            .that().resideInAPackage(ROOT + ".application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    ROOT + ".domain..", ROOT + ".application..", "java..",
                    "jakarta.inject..", "jakarta.enterprise..", "jakarta.transaction..", "jakarta.annotation..",
                    "org.eclipse.microprofile.config..", "org.jboss.logging..")
            .because("use cases may use CDI, JTA and MicroProfile Config, but no Quarkus, Hibernate, REST or GraphQL");

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Domain").definedBy(ROOT + ".domain..")
            .layer("Application").definedBy(ROOT + ".application..")
            .layer("Persistence").definedBy(ROOT + ".adapters.persistence..")
            .layer("Kustomer").definedBy(ROOT + ".adapters.kustomer..")
            .layer("GraphQL").definedBy(ROOT + ".adapters.graphql..")
            .layer("Bootstrap").definedBy(ROOT + ".bootstrap..")
            .whereLayer("Bootstrap").mayNotBeAccessedByAnyLayer()
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Kustomer").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("GraphQL").mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Persistence", "Kustomer", "GraphQL", "Bootstrap")
            .ensureAllClassesAreContainedInArchitecture();

    static final ArchRule NOTHING_NEEDS_WHAT_ONLY_DEV_MODE_HAS = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".dev..", ROOT + ".testing..")
            .because("dev-support and test-support are not in the packaged gateway: a class needing them fails there");

    static final ArchRule KUSTOMER_IS_REACHED_ONLY_THROUGH_ITS_ADAPTER = classes()
            .that().implement(KustomerPort.class)
            .should().resideInAPackage(ROOT + ".adapters.kustomer..");

    static final ArchRule THE_OUTBOX_IS_KEPT_ONLY_BY_ITS_ADAPTER = classes()
            .that().implement(OperationStore.class)
            .should().resideInAPackage(ROOT + ".adapters.persistence..");

    /** Hibernate, Panache and JPA, whose types (entities, sessions, repositories) are the persistence adapter's. */
    static final String[] ORM = {"jakarta.persistence..", "org.hibernate..", "io.quarkus.hibernate..",
        "io.quarkus.panache.."};

    static final ArchRule THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(ORM)
            .because("entities are the persistence adapter's model of its tables: the core and the other adapters "
                    + "see operations, through the ports");

    static final ArchRule NO_CLASS_OUTSIDE_CAN_NAME_AN_ENTITY = classes()
            .that().areAnnotatedWith(Entity.class)
            .should().resideInAPackage(ROOT + ".adapters.persistence..").andShould().notBePublic()
            .because("a row is mapped to the domain inside its adapter and never crosses a port");

    static final String READ_ROLE = "gateway-auditor";

    /** Reads (queries, subscriptions) are the auditor's; a write is the writer's or, for operator tools, the admin's. */
    static final ArchRule EVERY_READ_NEEDS_THE_AUDITOR = methods()
            .that().areAnnotatedWith(Query.class).or().areAnnotatedWith(Subscription.class)
            .should(requireRoles(READ_ROLE))
            .because("every resolver names its role, so none is left open by accident");

    static final ArchRule EVERY_WRITE_NEEDS_THE_WRITER_OR_THE_ADMIN = methods()
            .that().areAnnotatedWith(Mutation.class)
            .should(requireRoles("gateway-writer", "gateway-admin"))
            .because("every resolver names its role, so none is left open by accident");

    static final ArchRule ROLES_ARE_NAMED_ON_EACH_RESOLVER = noClasses()
            .that().areAnnotatedWith(GraphQLApi.class)
            .should().beAnnotatedWith(RolesAllowed.class)
            .because("a class-wide role would silently apply to resolvers added to the class later");

    /** {@code @RolesAllowed} on the method itself, naming exactly one of {@code roles}. */
    static ArchCondition<JavaMethod> requireRoles(String... roles) {
        return new ArchCondition<>("be @RolesAllowed for exactly one of " + List.of(roles)) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean allowed = method.tryGetAnnotationOfType(RolesAllowed.class)
                        .map(a -> a.value().length == 1 && List.of(roles).contains(a.value()[0]))
                        .orElse(false);
                events.add(new SimpleConditionEvent(method, allowed, method.getFullName()
                        + (allowed ? " names its role" : " must be @RolesAllowed for one of " + List.of(roles))));
            }
        };
    }

    @Test
    void everyResolverNamesTheRoleItNeeds() {
        EVERY_READ_NEEDS_THE_AUDITOR.check(GATEWAY);
        EVERY_WRITE_NEEDS_THE_WRITER_OR_THE_ADMIN.check(GATEWAY);
        ROLES_ARE_NAMED_ON_EACH_RESOLVER.check(GATEWAY);
    }

    @Test
    void aResolverWithoutARoleIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(OpenResolver.class);
        assertThatThrownBy(() -> EVERY_READ_NEEDS_THE_AUDITOR.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("OpenResolver.everything()");
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        DOMAIN_IS_PLAIN_JAVA.check(GATEWAY);
    }

    @Test
    void theApplicationUsesOnlyStandardApis() {
        APPLICATION_USES_ONLY_STANDARD_APIS.check(GATEWAY);
    }

    @Test
    void adaptersDependInwardAndNeverOnEachOther() {
        LAYERS.check(GATEWAY);
    }

    @Test
    void theGatewayNeedsNothingThatOnlyDevModeAndTheTestsHave() {
        NOTHING_NEEDS_WHAT_ONLY_DEV_MODE_HAS.check(GATEWAY);
    }

    @Test
    void aGatewayClassReachingIntoDevSupportIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(DevKeyInProduction.class);
        assertThatThrownBy(() -> NOTHING_NEEDS_WHAT_ONLY_DEV_MODE_HAS.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("com.kustomergateway.dev.DevCallers");
    }

    @Test
    void eachPortIsImplementedByItsOwnAdapter() {
        KUSTOMER_IS_REACHED_ONLY_THROUGH_ITS_ADAPTER.check(GATEWAY);
        THE_OUTBOX_IS_KEPT_ONLY_BY_ITS_ADAPTER.check(GATEWAY);
    }

    @Test
    void entitiesStayInsideThePersistenceAdapter() {
        THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER.check(GATEWAY);
        NO_CLASS_OUTSIDE_CAN_NAME_AN_ENTITY.check(GATEWAY);
    }

    @Test
    void aUseCaseReadingRowsThroughHibernateIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(OutboxRowsInAUseCase.class);
        assertThatThrownBy(() -> THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("jakarta.persistence.EntityManager");
    }

    @Test
    void everyModuleIsImported() {
        assertThat(GATEWAY.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("domain", "application", "adapters", "bootstrap");
        assertThat(GATEWAY.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith(ROOT + ".adapters.persistence"))
                .anyMatch(p -> p.startsWith(ROOT + ".adapters.kustomer"))
                .anyMatch(p -> p.startsWith(ROOT + ".adapters.graphql"));
    }

    @Test
    void aFrameworkTypeInTheDomainIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(LeakyValue.class);
        assertThatThrownBy(() -> DOMAIN_IS_PLAIN_JAVA.check(planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.quarkus.runtime.LaunchMode");
    }
}
