package io.clientele;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md, checked on the compiled main code. Top-level packages under
 * {@code io.clientele} are features, except the plumbing ({@value #PLATFORM}, {@code operation}) and the
 * {@code cli} and {@code mcp} surfaces; a new top-level package is a feature and falls under the rules without edits here.
 */
class ArchitectureTest {
    private static final String BASE = "io.clientele";
    private static final String PLATFORM = "platform";
    private static final Set<String> NOT_FEATURES = Set.of(PLATFORM, "operation", "cli", "mcp");
    private static final String COMPOSITION_ROOT = Clientele.class.getName();

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void aFeaturesSubPackagesAreReachedOnlyFromThatFeatureOrTheCompositionRoot() {
        featureInternalsStayInside(BASE).check(MAIN);
    }

    @Test
    void surfacesHoldNoLogicSoTheyTouchNeitherTheDatabaseNorAFeaturesInternals() {
        noClasses().that().haveNameMatching("io\\.clientele\\.operation\\.RestApi(\\$.*)?")
                .or().haveNameMatching("io\\.clientele\\.tenant\\.AdminApi(\\$.*)?")
                .or().resideInAPackage(BASE + ".cli..")
                .or().resideInAPackage(BASE + ".mcp..")
                .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                .orShould().dependOnClassesThat(areFeatureInternals(BASE))
                .check(MAIN);
    }

    @Test
    void theMcpSurfaceReachesOperationsOnlyThroughTheRegistryAndTheExecutor() {
        classes().that().resideInAPackage(BASE + ".mcp..")
                .should().onlyDependOnClassesThat(describe("outside io.clientele, or in mcp, operation or platform",
                        c -> !c.getPackageName().startsWith(BASE)
                                || c.getPackageName().startsWith(BASE + ".mcp")
                                || c.getPackageName().startsWith(BASE + ".operation")
                                || c.getPackageName().startsWith(BASE + ".platform")))
                .check(MAIN);
    }

    @Test
    void platformDependsOnNothingElseOfOurs() {
        classes().that().resideInAPackage(BASE + ".platform..")
                .should().onlyDependOnClassesThat(describe("outside io.clientele or in platform",
                        c -> !c.getPackageName().startsWith(BASE) || c.getPackageName().startsWith(BASE + ".platform")))
                .check(MAIN);
    }

    @Test
    void operationDependsOnPlatformOnlyNeverOnAFeature() {
        classes().that().resideInAPackage(BASE + ".operation..")
                .should().onlyDependOnClassesThat(describe("outside io.clientele, or in operation or platform",
                        c -> !c.getPackageName().startsWith(BASE)
                                || c.getPackageName().startsWith(BASE + ".operation")
                                || c.getPackageName().startsWith(BASE + ".platform")))
                .check(MAIN);
    }

    @Test
    void onlyThePlatformReadsTheWallClockEverythingElseUsesTheInjectedClock() {
        readsOfTheWallClockOutside(BASE + "." + PLATFORM).check(MAIN);
    }

    @Test
    void noClassIsNamedManagerHelperUtilOrImpl() {
        noClasses().should().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Helpers")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Impl")
                .check(MAIN);
    }

    @Test
    void topLevelPackagesHaveNoDependencyCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The generic rules must catch what they are about, or a typo in a package name would pass silently. */
    @Test
    void theGenericRulesCatchAFeatureReachingIntoAnothersInternalsAndReadingTheWallClock() {
        String fixture = "io.clientele.testing.archfixture";
        JavaClasses classes = new ClassFileImporter().importPackages(fixture);

        var internals = featureInternalsStayInside(fixture).evaluate(classes);
        assertThat(internals.hasViolation()).isTrue();
        assertThat(internals.getFailureReport().getDetails())
                .allMatch(line -> line.contains("shipping.Courier") && line.contains("billing.internal.Ledger"));

        var clock = readsOfTheWallClockOutside(fixture + "." + PLATFORM).evaluate(classes);
        assertThat(clock.getFailureReport().getDetails()).singleElement().asString()
                .contains("shipping.Courier").contains("Instant.now()");
    }

    // ------------------------------------------------------------------ rule builders

    private static ArchRule featureInternalsStayInside(String base) {
        return classes().should(new ArchCondition<JavaClass>(
                "reach a feature's sub-packages only from that feature or the composition root") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                if (origin.getName().equals(COMPOSITION_ROOT) || origin.getName().startsWith(COMPOSITION_ROOT + "$")) return;
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> feature = feature(base, target.getPackageName());
                    if (feature.isEmpty() || !isInternal(base, target.getPackageName())) continue;
                    String home = base + "." + feature.get();
                    String from = origin.getPackageName();
                    if (from.equals(home) || from.startsWith(home + ".")) continue;
                    events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                }
            }
        });
    }

    private static DescribedPredicate<JavaClass> areFeatureInternals(String base) {
        return describe("are in a feature's sub-package", c -> isInternal(base, c.getBaseComponentType().getPackageName()));
    }

    private static ArchRule readsOfTheWallClockOutside(String platform) {
        return noClasses().that().resideOutsideOfPackage(platform + "..")
                .should().callMethod(Instant.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalTime.class, "now")
                .orShould().callMethod(OffsetDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("time comes from the injected java.time.Clock (STYLE.md 11)");
    }

    /** The feature a package belongs to: its top-level package under {@code base}, unless that is plumbing. */
    private static Optional<String> feature(String base, String packageName) {
        if (!packageName.startsWith(base + ".")) return Optional.empty();
        String top = packageName.substring(base.length() + 1).split("\\.", 2)[0];
        return NOT_FEATURES.contains(top) ? Optional.empty() : Optional.of(top);
    }

    /** A sub-package of a feature, e.g. {@code io.clientele.customer.internal}. */
    private static boolean isInternal(String base, String packageName) {
        return feature(base, packageName).map(f -> packageName.startsWith(base + "." + f + ".")).orElse(false);
    }
}
