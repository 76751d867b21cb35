package com.kustomergateway.bootstrap;

import com.kustomergateway.adapters.kustomer.planted.OutboxOnTheSide;
import com.kustomergateway.adapters.kustomer.planted.PausesTheGateItself;
import com.kustomergateway.adapters.kustomer.planted.ReadsTheWallClock;
import com.kustomergateway.adapters.kustomer.planted.ReachesIntoTheOutbox;
import com.kustomergateway.adapters.persistence.planted.OutboxTable;
import com.kustomergateway.application.planted.FrameworkInAUseCase;
import com.kustomergateway.application.planted.KustomerShortcut;
import com.kustomergateway.application.planted.OutboxRowsInAUseCase;
import com.kustomergateway.bootstrap.planted.ClassWideRole;
import com.kustomergateway.bootstrap.planted.DevKeyInProduction;
import com.kustomergateway.bootstrap.planted.OpenResolver;
import com.kustomergateway.domain.klass.planted.KlassThatKnowsItsOperation;
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

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Query;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.smallrye.graphql.api.Subscription;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The arrows point inward. Rules are allow-lists over the real classes of every module (test classes left out),
 * and ArchUnit's fail-on-empty stays on, so a rule that matches nothing fails instead of passing. Every rule is also
 * shown to fail on test-only classes planted to break it ({@link #PLANTED}), so none can pass whatever the code does.
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

    /** The design card's nouns, each with its values and rules; what is done to them is built from them. */
    static final String[] NOUNS = {ROOT + ".domain.note..", ROOT + ".domain.klass..", ROOT + ".domain.customobject..",
        ROOT + ".domain.customerprofile..", ROOT + ".domain.attribute.."};

    static final ArchRule NOUNS_KNOW_NOTHING_OF_WHAT_IS_DONE_TO_THEM = noClasses()
            .that().resideInAnyPackage(NOUNS)
            .should().dependOnClassesThat().resideInAnyPackage(
                    ROOT + ".domain.change..", ROOT + ".domain.operation..", ROOT + ".domain.port..")
            .because("a note, a Klass, a custom object or a customer profile is what changes act on: the changes, "
                    + "the outbox's operations and the ports are built from the nouns, never the other way round");

    static final ArchRule APPLICATION_USES_ONLY_STANDARD_APIS = classes()
            .that().resideInAPackage(ROOT + ".application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    ROOT + ".domain..", ROOT + ".application..", "java..",
                    "jakarta.inject..", "jakarta.enterprise..", "jakarta.transaction..", "jakarta.annotation..",
                    "org.eclipse.microprofile.config..", "io.smallrye.config..", "org.jboss.logging..",
                    "io.opentelemetry.api..", "io.opentelemetry.context..")
            .because("use cases may use CDI, JTA, MicroProfile Config (with SmallRye's @ConfigMapping) and "
                    + "MicroProfile Telemetry's API (OpenTelemetry's, not its SDK), but no Quarkus, Hibernate, REST "
                    + "or GraphQL");

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

    /**
     * The Kustomer adapter reports what Kustomer said of its pace in the port's answer and waits for each request's
     * turn through the domain's {@code RequestPacing}, so the application acts on a 429 or a spent budget in one place.
     */
    static final ArchRule THE_KUSTOMER_ADAPTER_NEEDS_ONLY_THE_DOMAIN = noClasses()
            .that().resideInAPackage(ROOT + ".adapters.kustomer..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".application..")
            .because("pacing signals travel in the port's answer, and the application heeds them in one place: "
                    + "an adapter that paused the rate gate itself would make two");

    /** Time comes from the injected {@code Clock} that {@link Clocks} makes, so no two readings disagree. */
    static final ArchRule TIME_COMES_FROM_THE_ONE_CLOCK = noClasses()
            .that().resideInAPackage(ROOT + "..").and().doNotHaveFullyQualifiedName(Clocks.class.getName())
            .should().callMethod(Instant.class, "now")
            .orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now")
            .orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .orShould().callMethod(Clock.class, "systemUTC")
            .orShould().callMethod(Clock.class, "systemDefaultZone")
            .orShould().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .because("one clock, one place: a test sets it, and every instant and duration the gateway records "
                    + "reads it");

    static final ArchRule THE_OUTBOX_IS_KEPT_ONLY_BY_ITS_ADAPTER = classes()
            .that().implement(OperationStore.class)
            .should().resideInAPackage(ROOT + ".adapters.persistence..");

    /** Hibernate, Panache and JPA, whose types (entities, sessions, repositories) are the persistence adapter's. */
    static final String[] ORM = {"jakarta.persistence..", "org.hibernate..", "io.quarkus.hibernate..",
        "io.quarkus.panache.."};

    /** An entity outside the adapter depends on {@code jakarta.persistence.Entity}, so this keeps them in, too. */
    static final ArchRule THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".adapters.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage(ORM)
            .because("entities are the persistence adapter's model of its tables: the core and the other adapters "
                    + "see operations, through the ports");

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

    /** A class that breaks {@code rule} on purpose (test code only), and what the rule's failure must name. */
    record Planted(String rule, String names, Class<?>... breakers) {
    }

    /** Every rule above, each with classes that break it: a rule that cannot fail would protect nothing. */
    static final List<Planted> PLANTED = List.of(
            new Planted("DOMAIN_IS_PLAIN_JAVA", "io.quarkus.runtime.LaunchMode", LeakyValue.class),
            new Planted("NOUNS_KNOW_NOTHING_OF_WHAT_IS_DONE_TO_THEM", "com.kustomergateway.domain.operation.OperationId",
                    KlassThatKnowsItsOperation.class),
            new Planted("APPLICATION_USES_ONLY_STANDARD_APIS", "io.quarkus.runtime.LaunchMode",
                    FrameworkInAUseCase.class),
            new Planted("LAYERS", "calls method <com.kustomergateway.adapters.persistence.planted.OutboxTable.name()>",
                    ReachesIntoTheOutbox.class, OutboxTable.class),
            new Planted("NOTHING_NEEDS_WHAT_ONLY_DEV_MODE_HAS", "com.kustomergateway.dev.DevCallers",
                    DevKeyInProduction.class),
            new Planted("KUSTOMER_IS_REACHED_ONLY_THROUGH_ITS_ADAPTER",
                    "KustomerShortcut> does not reside in a package", KustomerShortcut.class),
            new Planted("THE_KUSTOMER_ADAPTER_NEEDS_ONLY_THE_DOMAIN",
                    "calls method <com.kustomergateway.application.pacing.RateGate.pauseUntil", PausesTheGateItself.class),
            new Planted("TIME_COMES_FROM_THE_ONE_CLOCK", "calls method <java.time.Instant.now()>",
                    ReadsTheWallClock.class),
            new Planted("THE_OUTBOX_IS_KEPT_ONLY_BY_ITS_ADAPTER", "OutboxOnTheSide> does not reside in a package",
                    OutboxOnTheSide.class),
            new Planted("EVERY_READ_NEEDS_THE_AUDITOR", "OpenResolver.everything()", OpenResolver.class),
            new Planted("EVERY_WRITE_NEEDS_THE_WRITER_OR_THE_ADMIN", "OpenResolver.forgetEverything()",
                    OpenResolver.class),
            new Planted("ROLES_ARE_NAMED_ON_EACH_RESOLVER", "ClassWideRole> is annotated with @RolesAllowed",
                    ClassWideRole.class),
            new Planted("THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER", "jakarta.persistence.EntityManager",
                    OutboxRowsInAUseCase.class));

    @Test
    void everyResolverNamesTheRoleItNeeds() {
        EVERY_READ_NEEDS_THE_AUDITOR.check(GATEWAY);
        EVERY_WRITE_NEEDS_THE_WRITER_OR_THE_ADMIN.check(GATEWAY);
        ROLES_ARE_NAMED_ON_EACH_RESOLVER.check(GATEWAY);
    }

    @Test
    void theDomainDependsOnNothingButTheJdk() {
        DOMAIN_IS_PLAIN_JAVA.check(GATEWAY);
    }

    @Test
    void theNounsKnowNothingOfWhatIsDoneToThem() {
        NOUNS_KNOW_NOTHING_OF_WHAT_IS_DONE_TO_THEM.check(GATEWAY);
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
    void eachPortIsImplementedByItsOwnAdapter() {
        KUSTOMER_IS_REACHED_ONLY_THROUGH_ITS_ADAPTER.check(GATEWAY);
        THE_OUTBOX_IS_KEPT_ONLY_BY_ITS_ADAPTER.check(GATEWAY);
    }

    @Test
    void timeComesFromTheOneClock() {
        TIME_COMES_FROM_THE_ONE_CLOCK.check(GATEWAY);
    }

    @Test
    void theKustomerAdapterReportsPacingInItsAnswerRatherThanPausingTheApplication() {
        THE_KUSTOMER_ADAPTER_NEEDS_ONLY_THE_DOMAIN.check(GATEWAY);
    }

    @Test
    void entitiesStayInsideThePersistenceAdapter() {
        THE_ORM_STAYS_IN_THE_PERSISTENCE_ADAPTER.check(GATEWAY);
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
    void everyRuleHasAPlantedViolation() {
        List<String> rules = Arrays.stream(ArchitectureTest.class.getDeclaredFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == ArchRule.class)
                .map(Field::getName).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(9);
        assertThat(PLANTED).extracting(Planted::rule).containsExactlyInAnyOrderElementsOf(rules);
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFailsOnItsPlantedViolation() {
        return PLANTED.stream().map(planted -> DynamicTest.dynamicTest(planted.rule(), () -> {
            ArchRule rule = (ArchRule) ArchitectureTest.class.getDeclaredField(planted.rule()).get(null);
            JavaClasses breakers = new ClassFileImporter().importClasses(planted.breakers());
            assertThatThrownBy(() -> rule.check(breakers))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining(planted.names());
        }));
    }
}
