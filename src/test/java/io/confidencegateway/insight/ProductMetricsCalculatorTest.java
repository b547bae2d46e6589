package io.confidencegateway.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProductMetricsCalculatorTest {

    /** Ten answers with known feedback; the expected values are worked out by hand in the table below. */
    static final class Seed {
        final List<AnswerRow> answers = new ArrayList<>();
        final List<FeedbackRow> feedback = new ArrayList<>();

        UUID answer(String user, double confidence, String outcome, long latency, Double cost) {
            UUID id = UUID.randomUUID();
            answers.add(new AnswerRow(id, user, confidence, outcome, latency, cost));
            return id;
        }

        void event(UUID id, Boolean correct, Boolean hallucination, Double editRatio, Boolean resolved,
                Boolean escalated, Integer csat) {
            feedback.add(new FeedbackRow(id, correct, hallucination, editRatio, resolved, escalated, csat));
        }

        static Seed known() {
            Seed s = new Seed();
            UUID a1 = s.answer("u1", 0.95, "deliver", 100, 0.01);
            s.event(a1, true, null, null, true, null, 5);
            UUID a2 = s.answer("u1", 0.92, "deliver", 200, 0.01);
            s.event(a2, true, null, null, true, false, null);
            s.event(a2, false, null, null, null, null, null);
            UUID a3 = s.answer("u2", 0.85, "deliver", 300, 0.01);
            s.event(a3, true, null, null, null, null, null);
            s.event(a3, null, true, null, null, true, null);
            UUID a4 = s.answer("u2", 0.75, "review", 400, 0.02);
            s.event(a4, true, null, 0.5, null, null, null);
            UUID a5 = s.answer("u3", 0.65, "review", 500, 0.02);
            s.event(a5, false, null, null, null, null, 2);
            UUID a6 = s.answer("u3", 0.55, "hand_off", 600, null);
            s.event(a6, null, null, null, null, true, null);
            UUID a7 = s.answer("u4", 0.45, "deliver", 700, 0.01);
            s.event(a7, null, null, 0.05, true, null, 4);
            UUID a8 = s.answer(null, 0.35, "deliver", 800, 0.01);
            s.event(a8, null, false, null, null, null, null);
            s.answer("u5", 0.25, "deliver", 900, 0.01);
            s.answer("u5", 0.15, "deliver", 1000, 0.01);
            return s;
        }
    }

    /** Computed in each test, not once per class: a fixture in static state would hide a changed calculator. */
    private static ProductMetrics known() {
        Seed seed = Seed.known();
        return new ProductMetricsCalculator(0.10, 10L).compute(seed.answers, seed.feedback);
    }

    static Stream<Arguments> knownMetrics() {
        return Stream.of(
                Arguments.of("accuracy: a1, a4 of a1..a5 judged", m(ProductMetrics::accuracy), 0.4, 5),
                Arguments.of("hallucination_rate: a3 of six judged", m(ProductMetrics::hallucinationRate), 1.0 / 6, 6),
                Arguments.of("latency_p95: nearest rank 10 of 10", m(x -> x.modelQuality().latencyP95()), 1000.0, 10),
                Arguments.of("csat: (5 + 2 + 4) / 3", m(ProductMetrics::csat), 11.0 / 3, 3),
                Arguments.of("adoption_rate: 5 users of 10 eligible", m(ProductMetrics::adoptionRate), 0.5, 5),
                Arguments.of("edit_rate: a4 above 0.10, a7 not", m(ProductMetrics::editRate), 0.5, 2),
                Arguments.of("resolution_rate: a1, a2, a7 of 5 known", m(ProductMetrics::resolutionRate), 0.6, 5),
                Arguments.of("deflection_rate: 6 delivered unescalated of 10", m(ProductMetrics::deflectionRate), 0.6,
                        10),
                Arguments.of("cost_per_resolution: $0.11 / 3", m(ProductMetrics::costPerResolution), 0.11 / 3, 3),
                Arguments.of("handoff_answer_rate: a6 not answered", m(ProductMetrics::handoffAnswerRate), 0.0, 1));
    }

    private static Function<ProductMetrics, Metric> m(Function<ProductMetrics, Metric> f) {
        return f;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knownMetrics")
    void everyMetricOfAKnownSeedHasItsValueAndSampleSize(String name, Function<ProductMetrics, Metric> metric,
            double value, long sample) {
        ProductMetrics known = known();

        assertThat(metric.apply(known).value()).isCloseTo(value, within(1e-9));
        assertThat(metric.apply(known).sampleSize()).isEqualTo(sample);
        assertThat(known.answers()).isEqualTo(10);
    }

    @Test
    void withNoAnswersEveryMetricIsNullNotZero() {
        ProductMetrics empty = new ProductMetricsCalculator(0.10, 10L).compute(List.of(), List.of());
        assertThat(Stream.of(empty.accuracy(), empty.hallucinationRate(), empty.modelQuality().latencyP95(),
                empty.csat(), empty.adoptionRate(), empty.editRate(), empty.resolutionRate(), empty.deflectionRate(),
                empty.costPerResolution(), empty.handoffAnswerRate())).allSatisfy(metric -> {
                    assertThat(metric.value()).isNull();
                    assertThat(metric.sampleSize()).isZero();
                });
    }

    @Test
    void answersWithoutFeedbackLeaveTheFeedbackMetricsNull() {
        Seed seed = new Seed();
        seed.answer("u1", 0.9, "deliver", 120, 0.01);
        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);
        assertThat(m.accuracy().value()).isNull();
        assertThat(m.csat().value()).isNull();
        assertThat(m.editRate().value()).isNull();
        assertThat(m.costPerResolution().value()).as("nothing resolved yet").isNull();
        assertThat(m.adoptionRate().value()).as("the spec names no eligible users").isNull();
        assertThat(m.deflectionRate().value()).isEqualTo(1.0);
        assertThat(m.modelQuality().latencyP95().value()).isEqualTo(120.0);
    }

    @Test
    void costPerResolutionIsNullWhenNoAnswerHasAKnownCost() {
        Seed seed = new Seed();
        UUID a = seed.answer("u1", 0.9, "deliver", 120, null);
        seed.event(a, null, null, null, true, null, null);
        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);
        assertThat(m.costPerResolution()).isEqualTo(Metric.none());
    }

    @Test
    void adoptionIsUnknownNotZeroWhenNoAnswerSaysWhoAsked() {
        Seed seed = new Seed();
        seed.answer(null, 0.9, "deliver", 120, 0.0);
        seed.answer(" ", 0.9, "deliver", 120, 0.0);
        ProductMetrics m = new ProductMetricsCalculator(0.10, 500L).compute(seed.answers, seed.feedback);
        assertThat(m.adoptionRate()).isEqualTo(Metric.none());
        assertThat(new HealthCheckPolicy(HealthTargets.DEFAULTS).evaluate(m).adoption()).isEqualTo(HealthStatus.NO_DATA);

        seed.answer("u1", 0.9, "deliver", 120, 0.0);
        ProductMetrics one = new ProductMetricsCalculator(0.10, 500L).compute(seed.answers, seed.feedback);
        assertThat(one.adoptionRate()).isEqualTo(new Metric(1.0 / 500, 1));
    }

    @Test
    void adoptionIsUnknownWithoutAPositiveNumberOfEligibleUsers() {
        Seed seed = new Seed();
        seed.answer("u1", 0.9, "deliver", 120, 0.0);

        assertThat(new ProductMetricsCalculator(0.10, 0L).compute(seed.answers, seed.feedback).adoptionRate())
                .isEqualTo(Metric.none());
        assertThat(new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback).adoptionRate())
                .isEqualTo(Metric.none());
        assertThat(new ProductMetricsCalculator(0.10, 1L).compute(seed.answers, seed.feedback).adoptionRate())
                .isEqualTo(new Metric(1.0, 1));
    }

    @Test
    void anEditRatioExactlyOnTheThresholdIsNotAnEdit() {
        Seed seed = new Seed();
        UUID onThreshold = seed.answer("u1", 0.9, "deliver", 120, 0.0);
        seed.event(onThreshold, null, null, 0.10, null, null, null);
        UUID above = seed.answer("u1", 0.9, "deliver", 120, 0.0);
        seed.event(above, null, null, 0.11, null, null, null);

        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);

        assertThat(m.editRate()).isEqualTo(new Metric(0.5, 2));
    }

    @Test
    void aMetricWithoutAValueAlwaysHasSampleSizeZero() {
        assertThat(new Metric(null, 7).sampleSize()).isZero();
        assertThat(new Metric(0.0, 7).sampleSize()).isEqualTo(7);
        assertThat(Metric.ratio(0, 0)).isEqualTo(Metric.none());
        assertThat(Metric.ratio(0, 3)).isEqualTo(new Metric(0.0, 3));
    }

    @Test
    void freeAnswersGiveACostPerResolutionOfZeroDollars() {
        Seed seed = new Seed();
        UUID a = seed.answer("u1", 0.9, "deliver", 120, 0.0);
        seed.event(a, null, null, null, true, null, null);
        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);
        assertThat(m.costPerResolution()).isEqualTo(new Metric(0.0, 1));
    }

    @Test
    void handOffsAnsweredByAPersonAreCountedAndNeverJudgeTheAi() {
        Seed seed = new Seed();
        UUID written = seed.answer("u1", 0.2, "hand_off", 100, 0.0);
        seed.feedback.add(new FeedbackRow(written, null, null, null, null, null, null, "handoff", "edit"));
        UUID approved = seed.answer("u2", 0.25, "hand_off", 100, 0.0);
        seed.feedback.add(new FeedbackRow(approved, null, null, null, null, null, null, "handoff", "approve"));
        UUID declined = seed.answer("u3", 0.1, "hand_off", 100, 0.0);
        seed.feedback.add(new FeedbackRow(declined, null, null, null, null, null, null, "handoff", "reject"));
        seed.answer("u4", 0.1, "hand_off", 100, 0.0);
        UUID reviewed = seed.answer("u5", 0.7, "review", 100, 0.0);
        seed.feedback.add(new FeedbackRow(reviewed, true, null, 0.0, null, null, null, "review", "edit"));

        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);

        assertThat(m.handoffAnswerRate()).as("2 of 4 hand-offs answered").isEqualTo(new Metric(0.5, 4));
        assertThat(m.accuracy()).as("only the reviewed draft is judged").isEqualTo(new Metric(1.0, 1));
        assertThat(m.editRate()).isEqualTo(new Metric(0.0, 1));
    }

    @Test
    void withoutHandOffsTheirAnswerRateIsUnknown() {
        Seed seed = new Seed();
        seed.answer("u1", 0.9, "deliver", 120, 0.0);
        ProductMetrics m = new ProductMetricsCalculator(0.10, null).compute(seed.answers, seed.feedback);
        assertThat(m.handoffAnswerRate()).isEqualTo(Metric.none());
    }

    @Test
    void aLaterFabricationFlagOverridesAnEarlierThumbsUpAndALaterRetractionRestoresIt() {
        Seed seed = new Seed();
        UUID a = seed.answer("u1", 0.9, "deliver", 120, 0.01);
        seed.event(a, true, null, null, null, null, null);
        seed.event(a, null, true, null, null, null, null);
        assertThat(AnswerVerdict.fold(seed.feedback).get(a).correct()).isFalse();
        seed.event(a, true, false, null, null, null, null);
        assertThat(AnswerVerdict.fold(seed.feedback).get(a).correct()).isTrue();
    }

    @Test
    void p95UsesTheNearestRank() {
        List<AnswerRow> rows = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            rows.add(new AnswerRow(UUID.randomUUID(), null, 0.5, "deliver", i, null));
        }
        assertThat(ProductMetricsCalculator.latencyP95(rows).value()).isEqualTo(95.0);
        assertThat(ProductMetricsCalculator.latencyP95(rows.subList(0, 1)).value()).isEqualTo(1.0);
    }
}
