package io.confidencegateway.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.confidence.SignalResult;

class VerifierCostsTest {

    private static final Verification JUDGED = new Verification("judge", Optional.of(SignalResult.of(1, "ok")),
            null, new Verification.Spend("judge-model", 400, 60, 0.00052), 120);
    private static final Verification ABSENT = new Verification("entailment", Optional.empty(), "the call failed",
            null, 30);

    @Test
    void theJudgesCostAddsToTheAnswersAndEachVerifierIsItemised() {
        AiResponse.UsageView usage = VerifierCosts.usage(Usage.of(800, 15), Optional.of(0.000129),
                List.of(JUDGED, ABSENT));

        assertThat(usage.promptTokens()).isEqualTo(800);
        assertThat(usage.completionTokens()).isEqualTo(15);
        assertThat(usage.costUsd()).isCloseTo(0.000649, within(1e-12));
        assertThat(usage.verifiers()).containsExactly(
                new AiResponse.VerifierView("judge", "applied", null, 120, "judge-model", 400, 60, 0.00052),
                new AiResponse.VerifierView("entailment", "absent", "the call failed", 30, null, null, null, null));
    }

    @Test
    void withoutVerifiersTheUsageIsTheAnswersAlone() {
        AiResponse.UsageView usage = VerifierCosts.usage(Usage.of(800, 15), Optional.of(0.000129), List.of());

        assertThat(usage).isEqualTo(new AiResponse.UsageView(800, 15, 0.000129, null));
        assertThat(VerifierCosts.usage(null, Optional.empty(), List.of())).isNull();
    }

    @Test
    void anUnpricedAnswerModelLeavesOnlyTheVerifiersPricedPartAndNoPriceAtAllIsNull() {
        assertThat(VerifierCosts.usage(Usage.of(10, 5), Optional.empty(), List.of(JUDGED)).costUsd())
                .isEqualTo(0.00052);
        assertThat(VerifierCosts.usage(Usage.of(10, 5), Optional.empty(), List.of(ABSENT)).costUsd()).isNull();
        assertThat(VerifierCosts.usage(null, Optional.empty(), List.of(ABSENT)).promptTokens()).isZero();
    }
}
