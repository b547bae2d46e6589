package io.confidencegateway.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

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
