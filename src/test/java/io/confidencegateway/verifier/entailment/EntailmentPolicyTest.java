package io.confidencegateway.verifier.entailment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.verifier.entailment.EntailmentPolicy.Prediction;

class EntailmentPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Double> LABELS = EntailmentPolicy.labels(Map.of());
    private static final List<Passage> PASSAGES = List.of(new Passage(1, "a.md", null, "Refunds within 30 days."),
            new Passage(2, "b.md", null, "Shipping takes 3 days."));

    private static List<EntailmentPolicy.Pair> pairs(String answer) {
        return EntailmentPolicy.pairs(ScoringContext.of(null, PASSAGES, answer, null), 20);
    }

    private static List<Prediction> nli(double entailment, double neutral, double contradiction) {
        return List.of(new Prediction("entailment", entailment), new Prediction("neutral", neutral),
                new Prediction("contradiction", contradiction));
    }

    @Test
    void everyPassageIsPairedWithEverySentenceWithoutItsCitationMarkers() {
        var pairs = pairs("Refunds take 30 days [1]. Shipping takes 3 days [2].");

        assertThat(pairs).extracting(EntailmentPolicy.Pair::sentence, EntailmentPolicy.Pair::passage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0), org.assertj.core.groups.Tuple.tuple(0, 1),
                        org.assertj.core.groups.Tuple.tuple(1, 0), org.assertj.core.groups.Tuple.tuple(1, 1));
        assertThat(pairs.get(0).premise()).isEqualTo("Refunds within 30 days.");
        assertThat(pairs.get(0).hypothesis()).isEqualTo("Refunds take 30 days.");
    }

    @Test
    void onlyTheFirstSentencesUpToTheLimitAreSent() {
        var pairs = EntailmentPolicy.pairs(ScoringContext.of(null, PASSAGES, "One is here. Two is here. Three.",
                null), 2);

        assertThat(pairs).extracting(EntailmentPolicy.Pair::sentence).containsExactly(0, 0, 1, 1);
    }

    @Test
    void aSentenceIsAsSupportedAsItsBestPassageAndTheWeakestSentenceIsNamed() {
        var pairs = pairs("Refunds take 30 days. Refunds take 90 days.");
        SignalResult result = EntailmentPolicy.assess(pairs, List.of(nli(0.95, 0.03, 0.02), nli(0.1, 0.8, 0.1),
                nli(0.03, 0.06, 0.91), nli(0.01, 0.9, 0.09)), LABELS, 0.5);

        // sentence supports 0.95 and 0.03: mean 0.49, weakest 0.03, value (0.49 + 0.03) / 2
        assertThat(result.value()).isCloseTo(0.26, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(result.reason()).isEqualTo("1 of 2 sentences entailed by a passage; sentence 2 is not entailed by "
                + "any passage (contradiction 0.91); mean support 0.49, weakest 0.03");
        assertThat(result.flags()).containsExactly(new SignalResult.Flag(1, "no passage entails it "
                + "(contradiction 0.91)"));
    }

    @Test
    void supportExactlyAtTheThresholdCountsAsEntailed() {
        var pairs = pairs("Refunds take 30 days.");
        SignalResult at = EntailmentPolicy.assess(pairs, List.of(nli(0.5, 0.5, 0), nli(0, 1, 0)), LABELS, 0.5);
        SignalResult below = EntailmentPolicy.assess(pairs, List.of(nli(0.49, 0.51, 0), nli(0, 1, 0)), LABELS, 0.5);

        assertThat(at.flags()).isEmpty();
        assertThat(at.reason()).isEqualTo("1 of 1 sentences entailed by a passage (mean support 0.50, weakest 0.50)");
        assertThat(below.flags()).hasSize(1);
        assertThat(below.reason()).contains("(neutral 0.51)");
    }

    @Test
    void hallucinationDetectorLabelsAndConfiguredLabelsMapToSupport() {
        var pairs = pairs("Refunds take 30 days.");
        var hhem = List.of(new Prediction("consistent", 0.8), new Prediction("hallucinated", 0.2));
        assertThat(EntailmentPolicy.assess(pairs, List.of(hhem, hhem), LABELS, 0.5).value()).isCloseTo(0.8,
                org.assertj.core.data.Offset.offset(1e-9));

        var custom = EntailmentPolicy.labels(Map.of("LABEL_1", 1.0, "neutral", 0.5));
        var raw = List.of(new Prediction("label_1", 0.3), new Prediction("neutral", 0.7));
        assertThat(EntailmentPolicy.assess(pairs, List.of(raw, raw), custom, 0.5).value()).isCloseTo(0.65,
                org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void labelsWithNoConfiguredSupportAreAMalformedReply() {
        var pairs = pairs("Refunds take 30 days.");
        var unknown = List.of(new Prediction("label_0", 0.9), new Prediction("label_1", 0.1));

        assertThatThrownBy(() -> EntailmentPolicy.assess(pairs, List.of(unknown, unknown), LABELS, 0.5))
                .isInstanceOf(EntailmentPolicy.MalformedReply.class)
                .hasMessage("none of the labels [label_0, label_1] has a support in gateway.verifiers.entailment.labels");
    }

    @Test
    void teiBatchRepliesAreReadInOrderWithLowerCasedLabels() throws Exception {
        var reply = JSON.readTree("""
                [[{"score":0.9,"label":"ENTAILMENT"},{"score":0.1,"label":"neutral"}],
                 [{"score":0.7,"label":"contradiction"}]]""");

        assertThat(EntailmentPolicy.predictions(reply, 2)).containsExactly(
                List.of(new Prediction("entailment", 0.9), new Prediction("neutral", 0.1)),
                List.of(new Prediction("contradiction", 0.7)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\":\"busy\"}", "[[{\"score\":0.9,\"label\":\"entailment\"}]]",
        "[[],[]]", "[[{\"score\":\"0.9\",\"label\":\"entailment\"}],[{\"score\":0.1,\"label\":\"neutral\"}]]",
        "[[{\"score\":1.5,\"label\":\"entailment\"}],[{\"score\":0.1,\"label\":\"neutral\"}]]",
        "[[{\"score\":0.5}],[{\"score\":0.1,\"label\":\"neutral\"}]]"})
    void repliesOfAnotherShapeOrCountAreMalformed(String body) throws Exception {
        assertThatThrownBy(() -> EntailmentPolicy.predictions(JSON.readTree(body), 2))
                .isInstanceOf(EntailmentPolicy.MalformedReply.class);
    }
}
