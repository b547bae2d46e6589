package io.confidencegateway.product;

import static io.confidencegateway.product.ProductSpec.ContextWindow.LONG;
import static io.confidencegateway.product.ProductSpec.ContextWindow.MEDIUM;
import static io.confidencegateway.product.ProductSpec.ContextWindow.SHORT;
import static io.confidencegateway.product.ProductSpec.RiskLevel.CRITICAL;
import static io.confidencegateway.product.ProductSpec.RiskLevel.HIGH;
import static io.confidencegateway.product.ProductSpec.RiskLevel.LOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelTierPolicyTest {

    private static final List<Guardrail> ALL = List.of(Guardrail.CITATIONS_REQUIRED, Guardrail.HUMAN_REVIEW,
            Guardrail.CONFIDENCE_GATING);

    private final ModelTierPolicy policy = new ModelTierPolicy();

    static Stream<Arguments> specs() {
        return Stream.of(
                // risk, context, daily requests, citations, review -> tier, guardrails, words in the reason
                Arguments.of(HIGH, SHORT, 2_000L, false, false, ModelTier.FRONTIER, ALL, "risk is high"),
                Arguments.of(CRITICAL, SHORT, 50L, false, false, ModelTier.FRONTIER, ALL, "risk is critical"),
                Arguments.of(HIGH, LONG, 50_000L, false, false, ModelTier.FRONTIER, ALL, "most capable"),
                Arguments.of(ProductSpec.RiskLevel.MEDIUM, LONG, 50_000L, true, false, ModelTier.LONG_CONTEXT,
                        List.of(Guardrail.CITATIONS_REQUIRED), "over 32K"),
                Arguments.of(LOW, LONG, null, false, false, ModelTier.LONG_CONTEXT, List.of(), "long context"),
                Arguments.of(LOW, MEDIUM, 10_001L, false, true, ModelTier.FINE_TUNED_SMALL,
                        List.of(Guardrail.HUMAN_REVIEW), "10,001 requests a day"),
                Arguments.of(ProductSpec.RiskLevel.MEDIUM, SHORT, 250_000L, true, true, ModelTier.FINE_TUNED_SMALL,
                        List.of(Guardrail.CITATIONS_REQUIRED, Guardrail.HUMAN_REVIEW), "cost"),
                Arguments.of(LOW, SHORT, 10_000L, false, false, ModelTier.MID, List.of(), "mid-tier"),
                Arguments.of(ProductSpec.RiskLevel.MEDIUM, MEDIUM, null, true, false, ModelTier.MID,
                        List.of(Guardrail.CITATIONS_REQUIRED), "context window is medium"));
    }

    @ParameterizedTest(name = "{0} risk, {1} context, {2}/day -> {5}")
    @MethodSource("specs")
    void rulesApplyInPrecedenceOrderWithAReason(ProductSpec.RiskLevel risk, ProductSpec.ContextWindow context,
            Long daily, boolean citations, boolean review, ModelTier tier, List<Guardrail> guardrails,
            String reasonWords) {
        TierChoice choice = policy.recommend(spec(risk, context, daily, citations, review));

        assertThat(choice.tier()).isEqualTo(tier);
        assertThat(choice.guardrails()).containsExactlyElementsOf(guardrails);
        assertThat(choice.reason()).contains(reasonWords).endsWith(".").doesNotContain("\n");
    }

    static ProductSpec spec(ProductSpec.RiskLevel risk, ProductSpec.ContextWindow context, Long daily,
            boolean citations, boolean review) {
        return new ProductSpec("Test", null, null, List.of("text"), "text", 3.0, context, risk, citations, review,
                0.9, daily, 10, "US", ProductSpec.PiiHandling.NONE, null, null, null, null, null, null);
    }
}
