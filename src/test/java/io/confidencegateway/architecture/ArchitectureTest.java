package io.confidencegateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of {@code io.confidencegateway} (README, "How the pipeline is put together"), checked on the
 * compiled main classes: a change that breaks one fails the build with the offending dependency named.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.confidencegateway");

    private static final String[] GROUND_FLOOR = {"io.confidencegateway.chat..", "io.confidencegateway.metrics..",
        "io.confidencegateway.privacy..", "io.confidencegateway.problem..", "io.confidencegateway.store.."};

    /** The floors, top first, as the README draws them; a package may import only packages after it. */
    private static final List<String> FLOORS = List.of("api", "report", "insight", "evaluation", "feedback",
            "pipeline", "verifier", "prompt", "answer", "product", "review", "confidence", "inference", "access",
            "provider", "knowledge", "chat", "metrics", "privacy", "problem", "store");
    private static final Set<String> GROUND = Set.of("chat", "metrics", "privacy", "problem", "store");

    @Test
    void everyPackageImportsOnlyFloorsBelowIt() {
        var upward = new java.util.TreeSet<String>();
        for (JavaClass type : MAIN) {
            String from = floorOf(type);
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = floorOf(dependency.getTargetClass());
                if (from == null || to == null || from.equals(to) || (GROUND.contains(from) && GROUND.contains(to))) {
                    continue;
                }
                if (!FLOORS.contains(from) || !FLOORS.contains(to)) {
                    upward.add(type.getName() + ": package '" + (FLOORS.contains(from) ? to : from)
                            + "' has no floor; add it to FLOORS and the README picture");
                } else if (FLOORS.indexOf(to) < FLOORS.indexOf(from)) {
                    upward.add(from + " -> " + to + " (" + dependency.getDescription() + ")");
                }
            }
        }
        assertThat(upward).as("imports of a floor above").isEmpty();
    }

    @Test
    void noSourceFileOutsideApiImportsApi() throws IOException {
        // The compiler inlines constants (ProductChat.MODEL_PREFIX…), so class files do not show every use.
        Path main = Path.of("src/main/java/io/confidencegateway");
        try (Stream<Path> files = Files.walk(main)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !main.relativize(f).toString().startsWith("api"))
                    .filter(f -> {
                        try {
                            return Files.readAllLines(f).stream().anyMatch(l -> l.startsWith("import io.confidencegateway.api.")
                                    || l.startsWith("import static io.confidencegateway.api."));
                        } catch (IOException unreadable) {
                            throw new UncheckedIOException(unreadable);
                        }
                    }).map(Path::toString).toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String floorOf(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith("io.confidencegateway.")) {
            return null;
        }
        String rest = name.substring("io.confidencegateway.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("io.confidencegateway.(*)..")
                .should().beFreeOfCycles()
                .check(MAIN);
    }

    @Test
    void nothingOutsideApiImportsApi() {
        noClasses().that()
                .resideOutsideOfPackage("io.confidencegateway.api..")
                .should().dependOnClassesThat().resideInAPackage("io.confidencegateway.api..")
                .because("api is the top floor: the pipeline and the features below it know no wire format")
                .check(MAIN);
    }

    @Test
    void theGroundFloorImportsNothingAboveIt() {
        noClasses().that().resideInAnyPackage(GROUND_FLOOR)
                .should().dependOnClassesThat(resideInAPackage("io.confidencegateway..")
                        .and(not(resideInAnyPackage(GROUND_FLOOR))))
                .because("chat records, meters, PII redaction, problem details and the database are shared vocabulary")
                .check(MAIN);
    }

    @Test
    void providersKnowNothingOfTrustReviewOrReporting() {
        noClasses().that()
                .resideInAPackage("io.confidencegateway.provider..")
                .should().dependOnClassesThat().resideInAnyPackage("io.confidencegateway.confidence..",
                        "io.confidencegateway.review..", "io.confidencegateway.feedback..",
                        "io.confidencegateway.insight..", "io.confidencegateway.report..",
                        "io.confidencegateway.pipeline..", "io.confidencegateway.answer..")
                .because("adding a provider must not need to know how answers are judged")
                .check(MAIN);
    }

    @Test
    void onlyMetricsSpellsMeters() {
        noClasses().that()
                .resideOutsideOfPackage("io.confidencegateway.metrics..")
                .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
                .because("GatewayMetrics is the one place meter names and tags are spelled")
                .check(MAIN);
    }

    @Test
    void metricsKeepsMetersOnly() {
        noClasses().that()
                .resideInAPackage("io.confidencegateway.metrics..")
                .should().accessClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
                .because("reporting over stored answers and feedback lives in insight, not next to the meters")
                .check(MAIN);
    }
}
