package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfidenceScorerTest {

    private static final String CORRECT = "You can return an unused item within 30 days of purchase for a full refund "
            + "[1]. The refund reaches your original card within 5 business days [1].";

    private final ConfidenceScorer scorer = new ConfidenceScorer(ConfidenceModel.shipped(), SignalCatalog.discover());

    private double confidence(String answer) {
        return scorer.score(Fixtures.context(answer), Thresholds.DEFAULT).confidence();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "changed number   | You can return an unused item within 60 days of purchase for a full refund [1]. The refund reaches your original card within 5 business days [1].",
        "changed duration | You can return an unused item within 30 days of purchase for a full refund [1]. The refund reaches your original card within 5 business weeks [1].",
        "swapped name     | You can return an unused item within 30 days of purchase for a full refund [1]. The refund reaches your PayPal account within 5 business days [1].",
        "negation         | You cannot return an unused item within 30 days of purchase for a full refund [1]. The refund reaches your original card within 5 business days [1].",
        "wrong citation   | You can return an unused item within 30 days of purchase for a full refund [3]. The refund reaches your original card within 5 business days [1].",
        "invented clause  | You can return an unused item within 30 days of purchase for a full refund [1]. The refund reaches your original card within 5 business days plus a 10% loyalty bonus [1].",
        "hedged           | You can probably return an unused item within 30 days of purchase for a full refund [1]. The refund reaches your original card within 5 business days [1]."})
    void aCorrectAnswerOutranksEachOfItsOneEditCorruptions(String edit, String corrupted) {
        assertThat(confidence(CORRECT)).isGreaterThan(confidence(corrupted));
    }

    @Test
    void reportsAppliedSignalsWithWeightsAndUnsupportedSentences() {
        ConfidenceScore score = scorer.score(Fixtures.context("Standard shipping costs $4.99 [2]. Every laptop "
                + "carries a five-year warranty from Contoso [3]."), Thresholds.DEFAULT);
        assertThat(score.signals()).extracting(ConfidenceScore.SignalScore::name)
                .containsExactly("citations", "claim_support", "facts", "hedging", "invented_phrases", "mean_support",
                        "novel_phrases", "retrieval_strength", "supported_share", "token_alignment",
                        "token_alignment_worst", "token_match_share", "token_unmatched_words", "unsupported_content",
                        "unsupported_terms", "worst_claim_content");
        assertThat(score.signals()).allSatisfy(s -> assertThat(s.reason()).isNotBlank());
        assertThat(score.unsupportedClaims()).singleElement().satisfies(claim -> {
            assertThat(claim.sentenceIndex()).isEqualTo(1);
            assertThat(claim.text()).isEqualTo("Every laptop carries a five-year warranty from Contoso.");
            assertThat(claim.reason()).contains("five-year");
        });
    }

    @Test
    void aSignalThatDoesNotApplyIsLeftOutNotCountedAsHalf() {
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0,
                List.of(new ConfidenceModel.Feature("always", 2.0, 0.5, true),
                        new ConfidenceModel.Feature("never", 5.0, 0.9, true)), null, null);
        ConfidenceScorer twoSignals = new ConfidenceScorer(model, List.of(fixed("always", 0.5), absent("never")));
        ConfidenceScore score = twoSignals.score(Fixtures.context("Anything."), Thresholds.DEFAULT);
        assertThat(score.confidence()).isEqualTo(0.5);
        assertThat(score.signals()).extracting(ConfidenceScore.SignalScore::name).containsExactly("always");
    }

    @Test
    void servingRunsOnlyTheSignalsTheModelGivesWeight() {
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0,
                List.of(new ConfidenceModel.Feature("weighted", 2.0, 0.5, true),
                        new ConfidenceModel.Feature("measured_and_rejected", 0.0, 0.5, true)), null, null);
        ConfidenceScorer serving = ConfidenceScorer.serving(model, List.of(fixed("weighted", 1.0),
                fixed("measured_and_rejected", 0.0), fixed("unknown_to_the_model", 0.0)));
        assertThat(serving.signalNames()).containsExactly("weighted");
        assertThat(new ConfidenceScorer(model, List.of(fixed("weighted", 1.0), fixed("measured_and_rejected", 0.0)))
                .signalNames()).containsExactly("measured_and_rejected", "weighted");
    }

    @Test
    void eachWordOfTheTermSignalAddsItsBucketWeightAndTheReasonNamesTheHeaviestFirst() {
        int buckets = 64;
        java.util.TreeMap<Integer, Double> weights = new java.util.TreeMap<>();
        weights.put(ConfidenceModel.Terms.bucket("innocence", buckets), -0.75);
        weights.put(ConfidenceModel.Terms.bucket("additionally", buckets), 0.25);
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0,
                List.of(new ConfidenceModel.Feature("words", 1.0, 0.5, true)),
                new ConfidenceModel.Terms("words", buckets, weights), null, null);
        ConfidenceScorer scorer = new ConfidenceScorer(model, List.of(
                signal("words", Optional.of(new SignalResult(0.5, "3 word(s) in no passage", List.of(),
                        List.of("additionally", "innocence", "unweighed")))),
                signal("other", Optional.of(new SignalResult(1.0, "not the term signal", List.of(),
                        List.of("innocence"))))));
        ConfidenceScore score = scorer.score(Fixtures.context("Anything."), Thresholds.DEFAULT);
        // 1.0 × (0.5 − 0.5) = 0 from the value; −0.75 + 0.25 + 0 from the words; the other signal's words weigh 0.
        assertThat(score.confidence()).isEqualTo(Math.round(10_000 / (1 + Math.exp(0.5))) / 10_000.0);
        assertThat(score.signals()).filteredOn(s -> s.name().equals("words")).singleElement().satisfies(s -> {
            assertThat(s.contribution()).isEqualTo(-0.5);
            assertThat(s.reason()).isEqualTo("3 word(s) in no passage; weighed: 'innocence' -0.75, 'additionally' "
                    + "+0.25");
        });
        assertThat(score.signals()).filteredOn(s -> s.name().equals("other")).singleElement()
                .satisfies(s -> assertThat(s.reason()).isEqualTo("not the term signal"));
    }

    @Test
    void servingRunsTheTermSignalEvenWhenItsOwnValueHasNoWeight() {
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0,
                List.of(new ConfidenceModel.Feature("words", 0.0, 0.5, true)),
                new ConfidenceModel.Terms("words", 8, java.util.Map.of(1, 0.5)), null, null);
        assertThat(ConfidenceScorer.serving(model, List.of(fixed("words", 1.0), fixed("other", 1.0))).signalNames())
                .containsExactly("words");
    }

    @Test
    void aWordBucketIsItsHashedStemAndUnfittedBucketsWeighNothing() {
        ConfidenceModel.Terms terms = new ConfidenceModel.Terms("words", 4096,
                java.util.Map.of(ConfidenceModel.Terms.bucket("refund", 4096), 0.5));
        assertThat(ConfidenceModel.Terms.bucket("refunds", 4096)).isEqualTo(ConfidenceModel.Terms.bucket("refund", 4096));
        assertThat(ConfidenceModel.Terms.bucket("refund", 4096)).isBetween(0, 4095);
        assertThat(terms.weight("refunds")).isEqualTo(0.5);
        assertThat(terms.weight("voucher")).isZero();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfidenceModel.Terms("words", 8,
                java.util.Map.of(8, 0.1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..7");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfidenceModel.Terms("words", 0, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theWordTableSurvivesTheModelFileAndTheShippedModelCarriesOne() throws Exception {
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0, List.of(),
                new ConfidenceModel.Terms("words", 16, java.util.Map.of(3, -0.25, 11, 0.5)), null, null);
        ConfidenceModel read = ConfidenceModel.read(new java.io.ByteArrayInputStream(
                model.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(read.terms()).isEqualTo(model.terms());
        assertThat(read.terms().weights()).containsExactly(java.util.Map.entry(3, -0.25), java.util.Map.entry(11, 0.5));
        ConfidenceModel.Terms shipped = ConfidenceModel.shipped().terms();
        assertThat(shipped.signal()).isEqualTo("unsupported_terms");
        assertThat(shipped.buckets()).isEqualTo(4096);
        assertThat(shipped.weights()).hasSizeGreaterThan(1000);
    }

    @Test
    void theCalibrationMapTurnsTheLogisticProbabilityIntoTheConfidenceAndContributionsAreReported() {
        ConfidenceModel model = new ConfidenceModel("test", null, 0.0,
                List.of(new ConfidenceModel.Feature("always", 2.0, 0.5, true)),
                new ConfidenceModel.Calibration(List.of(0.5, 0.7), List.of(0.4, 0.9)), null);
        ConfidenceScorer scorer = new ConfidenceScorer(model, List.of(fixed("always", 1.0)));
        ConfidenceScore score = scorer.score(Fixtures.context("Anything."), Thresholds.DEFAULT);
        // logit 2.0 × (1.0 − 0.5) = 1.0 → probability 0.731, beyond the last point → 0.9.
        assertThat(score.confidence()).isEqualTo(0.9);
        assertThat(score.confidenceLabel()).isEqualTo("high_confidence");
        assertThat(score.signals()).singleElement().satisfies(s -> assertThat(s.contribution()).isEqualTo(1.0));
        assertThat(scorer.score(ScoringContext.of(null, Fixtures.POLICY, "x", null), Thresholds.DEFAULT)
                .confidence()).isEqualTo(0.9);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"0.90, high_confidence", "0.85, high_confidence", "0.70, medium_confidence",
        "0.60, medium_confidence", "0.59, low_confidence"})
    void labelsFollowTheThresholds(double confidence, String label) {
        assertThat(Thresholds.DEFAULT.label(confidence)).isEqualTo(label);
    }

    @Test
    void requestThresholdsChangeTheLabel() {
        ConfidenceScorer one = new ConfidenceScorer(new ConfidenceModel("t", null, 0.0, List.of(), null, null),
                List.of());
        assertThat(one.score(Fixtures.context("x"), new Thresholds(0.6, 0.4)).confidenceLabel())
                .isEqualTo("medium_confidence");
        assertThat(one.score(Fixtures.context("x"), new Thresholds(0.45, 0.4)).confidenceLabel())
                .isEqualTo("high_confidence");
    }

    private static ConfidenceSignal fixed(String name, double value) {
        return signal(name, Optional.of(SignalResult.of(value, "fixed")));
    }

    private static ConfidenceSignal absent(String name) {
        return signal(name, Optional.empty());
    }

    private static ConfidenceSignal signal(String name, Optional<SignalResult> result) {
        return new ConfidenceSignal() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Optional<SignalResult> evaluate(ScoringContext context) {
                return result;
            }
        };
    }
}
