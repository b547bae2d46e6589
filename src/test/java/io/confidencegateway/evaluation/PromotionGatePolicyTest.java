package io.confidencegateway.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.product.PromptGate;

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
    void withoutAProductGateACandidateMayBeWorseOnlyWithinTheDefaultPoints(double citations, double handoffs,
            double unsupported, int failing) {
        assertThat(PromotionGatePolicy.failures(3, summary(citations, handoffs, unsupported), 2, PRODUCTION, null))
                .hasSize(failing);
        assertThat(PromotionGatePolicy.failures(3, summary(citations, handoffs, unsupported), 2, PRODUCTION,
                new PromptGate(null, null, null))).hasSize(failing);
    }

    // Gate 10 / 0 / 20 points against production 90% cited, 10% handed off, 5% unsupported.
    @ParameterizedTest(name = "citations {0}, hand-offs {1}, unsupported {2} → failing {3}")
    @CsvSource({
        "0.80, 0.30, 0.05, ''",
        "0.799, 0.10, 0.05, citation",
        "0.90, 0.10, 0.0501, unsupported-claim",
        "0.90, 0.301, 0.05, hand-off",
        "0.70, 0.31, 0.06, citation unsupported-claim hand-off"})
    void aProductGateMovesEveryEdgeToItsOwnPoints(double citations, double handoffs, double unsupported,
            String failing) {
        var gate = new PromptGate(10.0, 0.0, 20.0);

        List<String> failures = PromotionGatePolicy.failures(3, summary(citations, handoffs, unsupported), 2,
                PRODUCTION, gate);

        assertThat(failures.stream().map(f -> f.substring(0, f.indexOf(' '))).toList())
                .containsExactlyElementsOf(failing.isEmpty() ? List.of() : List.of(failing.split(" ")));
    }

    @Test
    void aGateThatLeavesOneAllowanceOutKeepsTheDefaultForIt() {
        var onlyCitations = new PromptGate(50.0, null, null);

        assertThat(PromotionGatePolicy.failures(3, summary(0.41, 0.15, 0.07), 2, PRODUCTION, onlyCitations))
                .isEmpty();
        assertThat(PromotionGatePolicy.failures(3, summary(0.41, 0.151, 0.07), 2, PRODUCTION, onlyCitations))
                .singleElement().asString().startsWith("hand-off rate");
    }

    @Test
    void eachFailingCriterionSaysByHowMuchAndWhatTheDefaultGateAllows() {
        List<String> failing = PromotionGatePolicy.failures(3, summary(0.0, 0.30, 0.40), 2, PRODUCTION, null);

        assertThat(failing).containsExactly(
                "citation hit rate: version 3 cites the required sources in 0.0% of the golden questions, 90.0 points "
                        + "below version 2's 90.0% (allowed: 2, the default; prompt_gate.citation_hit_rate_drop_points "
                        + "in the product spec changes it)",
                "unsupported-claim share: 40.0% of version 3's answers make a claim the passages do not support, "
                        + "35.0 points above version 2's 5.0% (allowed: 2, the default; "
                        + "prompt_gate.unsupported_share_rise_points in the product spec changes it)",
                "hand-off rate: version 3 hands off 30.0% of the golden questions, 20.0 points above version 2's "
                        + "10.0% (allowed: 5, the default; prompt_gate.handoff_rate_rise_points in the product spec "
                        + "changes it)");
    }

    @Test
    void aFailingCriterionOfAProductGateNamesTheProductsAllowance() {
        List<String> failing = PromotionGatePolicy.failures(3, summary(0.0, 0.30, 0.40), 2, PRODUCTION,
                new PromptGate(1.5, null, 0.0));

        assertThat(failing).containsExactly(
                "citation hit rate: version 3 cites the required sources in 0.0% of the golden questions, 90.0 points "
                        + "below version 2's 90.0% (allowed by the product's prompt_gate.citation_hit_rate_drop_points: "
                        + "1.5)",
                "unsupported-claim share: 40.0% of version 3's answers make a claim the passages do not support, "
                        + "35.0 points above version 2's 5.0% (allowed: 2, the default; "
                        + "prompt_gate.unsupported_share_rise_points in the product spec changes it)",
                "hand-off rate: version 3 hands off 30.0% of the golden questions, 20.0 points above version 2's "
                        + "10.0% (allowed by the product's prompt_gate.handoff_rate_rise_points: 0)");
    }
}
