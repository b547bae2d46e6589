package io.confidencegateway.confidence.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScorer;
import io.confidencegateway.confidence.SignalResult;

class ModelFitterTest {

    @Test
    void aSignalThatRisesWithDoubtGetsNoWeightInsteadOfANegativeOne() {
        ConfidenceModel prior = new ConfidenceModel("v0", null, 0, List.of(
                new ConfidenceModel.Feature("grounded", 1, 0.5, false),
                new ConfidenceModel.Feature("copied_words", 1, 0.5, false)), null, null);
        Random random = new Random(1);
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>();
        boolean[] faithful = new boolean[400];
        for (int i = 0; i < faithful.length; i++) {
            faithful[i] = i % 2 == 0;
            double grounded = (faithful[i] ? 0.7 : 0.3) + 0.3 * random.nextDouble();
            // In this data unfaithful rows copy more words: a quirk the model must not learn to reward.
            double copied = (faithful[i] ? 0.2 : 0.6) + 0.3 * random.nextDouble();
            readings.add(List.of(reading("grounded", Math.min(1, grounded)), reading("copied_words", copied)));
        }

        ConfidenceModel fitted = ModelFitter.fit(prior, readings, faithful, "v1", null, null);

        assertThat(fitted.byName().get("grounded").weight()).isPositive();
        assertThat(fitted.byName().get("copied_words").weight()).isZero();
        assertThat(fitted.byName().get("copied_words").fitted()).isTrue();
    }

    private static ConfidenceScorer.Reading reading(String name, double value) {
        return new ConfidenceScorer.Reading(name, Optional.of(SignalResult.of(value, name)));
    }

    @Test
    void anAnswerTypeFeatureIsFittedOnWhetherItAppliesNotCentredOnItsOwnMean() {
        ConfidenceModel prior = new ConfidenceModel("v0", null, 0, List.of(
                new ConfidenceModel.Feature("grounded", 1, 0.5, false),
                new ConfidenceModel.Feature("declines", 1, 0, false, false)), null, null);
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>();
        boolean[] faithful = new boolean[400];
        for (int i = 0; i < faithful.length; i++) {
            // Every fourth answer declines, always with value 1, and those are faithful 9 times in 10.
            boolean declines = i % 4 == 0;
            faithful[i] = declines ? i % 40 != 0 : i % 2 == 0;
            List<ConfidenceScorer.Reading> row = new ArrayList<>();
            row.add(reading("grounded", faithful[i] ? 0.6 : 0.4));
            if (declines) {
                row.add(reading("declines", 1.0));
            }
            readings.add(row);
        }
        ConfidenceModel fitted = ModelFitter.fit(prior, readings, faithful, "v1", null, null);
        ConfidenceModel.Feature declines = fitted.byName().get("declines");
        assertThat(declines.fitted()).isTrue();
        assertThat(declines.mean()).isZero();
        assertThat(declines.isCentred()).isFalse();
        assertThat(declines.weight()).isGreaterThan(0.5);
    }

    @Test
    void wordsOfTheTermSignalGetTheirOwnWeightsSignedByWhichAnswersTheyAppearIn() {
        ConfidenceModel prior = new ConfidenceModel("v0", null, 0, List.of(
                new ConfidenceModel.Feature("grounded", 1, 0.5, false)), null, null);
        Random random = new Random(2);
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>();
        boolean[] faithful = new boolean[400];
        for (int i = 0; i < faithful.length; i++) {
            faithful[i] = i % 2 == 0;
            // "invented" turns up in unfaithful answers only, "additionally" (style) in faithful ones only.
            List<String> words = faithful[i] ? (i % 4 == 0 ? List.of("additionally") : List.of())
                    : (i % 4 == 1 ? List.of("invented") : List.of());
            readings.add(List.of(reading("grounded", (faithful[i] ? 0.6 : 0.4) + 0.3 * random.nextDouble()),
                    new ConfidenceScorer.Reading(ModelFitter.TERM_SIGNAL, Optional.of(new SignalResult(
                            1.0 / (1 + words.size()), "words", List.of(), words)))));
        }

        ConfidenceModel fitted = ModelFitter.fit(prior, readings, faithful, "v1", null, null);

        assertThat(fitted.terms().signal()).isEqualTo(ModelFitter.TERM_SIGNAL);
        assertThat(fitted.terms().buckets()).isEqualTo(ModelFitter.BUCKETS);
        assertThat(fitted.terms().weight("invented")).isLessThan(-0.5);
        assertThat(fitted.terms().weight("additionally")).isGreaterThan(0.5);
        assertThat(fitted.terms().weights()).hasSize(2);
        assertThat(fitted.byName().get("grounded").weight()).isPositive();
        assertThat(fitted.byName().get(ModelFitter.TERM_SIGNAL).weight()).isNotNegative();
    }

    @Test
    void withoutWordsInAnyReadingTheModelHasNoTermTable() {
        ConfidenceModel prior = new ConfidenceModel("v0", null, 0, List.of(
                new ConfidenceModel.Feature("grounded", 1, 0.5, false)), null, null);
        List<List<ConfidenceScorer.Reading>> readings = new ArrayList<>();
        boolean[] faithful = new boolean[200];
        for (int i = 0; i < faithful.length; i++) {
            faithful[i] = i % 2 == 0;
            readings.add(List.of(reading("grounded", faithful[i] ? 0.7 : 0.3 + 0.001 * i)));
        }
        assertThat(ModelFitter.fit(prior, readings, faithful, "v1", null, null).terms()).isNull();
    }
}
