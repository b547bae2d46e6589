package io.confidencegateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromotionGatePolicyTest {

    private static Evaluation.Summary summary(double citations, double handoffs, double unsupported) {
        return new Evaluation.Summary(citations, 0.8, handoffs, unsupported, null, null, 100);
    }

    private static final Evaluation.Summary PRODUCTION = summary(0.90, 0.10, 0.05);

    @ParameterizedTest(name = "citations {0}, hand-offs {1}, unsupported {2} → failing {3}")
    @CsvSource({
        "0.90, 0.10, 0.05, 0",
        "0.88, 0.15, 0.07, 0",
        "0.875, 0.10, 0.05, 1",
        "0.90, 0.151, 0.05, 1",
        "0.90, 0.10, 0.071, 1",
        "0.50, 0.60, 0.50, 3",
        "1.00, 0.00, 0.00, 0"})
    void aCandidateMayBeWorseOnlyWithinTheAllowedPoints(double citations, double handoffs, double unsupported,
            int failing) {
        assertThat(PromotionGatePolicy.failures(3, summary(citations, handoffs, unsupported), 2, PRODUCTION))
                .hasSize(failing);
    }

    @Test
    void eachFailingCriterionSaysByHowMuchAndWhatIsAllowed() {
        List<String> failing = PromotionGatePolicy.failures(3, summary(0.0, 0.30, 0.40), 2, PRODUCTION);

        assertThat(failing).containsExactly(
                "citation hit rate: version 3 cites the required sources in 0.0% of the golden questions, 90.0 points "
                        + "below version 2's 90.0% (allowed: 2)",
                "unsupported-claim share: 40.0% of version 3's answers make a claim the passages do not support, "
                        + "35.0 points above version 2's 5.0% (allowed: 2)",
                "hand-off rate: version 3 hands off 30.0% of the golden questions, 20.0 points above version 2's "
                        + "10.0% (allowed: 5)");
    }
}
