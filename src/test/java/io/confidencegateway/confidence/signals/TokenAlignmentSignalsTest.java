package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

/** The three token-alignment signals on the shop fixtures, with the real MiniLM model. */
class TokenAlignmentSignalsTest {

    private static final String COPIED = "Customers can return any unused item within 30 days of purchase for a full "
            + "refund. Refunds are paid to the original card within 5 business days.";
    private static final String INVENTED_CLAUSE = "Customers can return any unused item within 30 days of purchase "
            + "for a full refund. Refunds are paid to the original card within 5 business days, and every customer "
            + "also receives a bonus voucher for the casino.";

    private final TokenAlignmentSignal mean = new TokenAlignmentSignal();
    private final WorstSentenceAlignmentSignal worst = new WorstSentenceAlignmentSignal();
    private final TokenMatchShareSignal share = new TokenMatchShareSignal();

    private static SignalResult run(io.confidencegateway.confidence.ConfidenceSignal signal, String answer) {
        return signal.evaluate(Fixtures.context(answer)).orElseThrow();
    }

    @Test
    void anAnswerCopiedFromAPassageAlignsClosely() {
        assertThat(run(mean, COPIED).value()).isGreaterThan(0.9);
        assertThat(run(worst, COPIED).value()).isGreaterThan(0.9);
        SignalResult matched = run(share, COPIED);
        assertThat(matched.value()).isEqualTo(1.0);
        assertThat(matched.flags()).isEmpty();
        assertThat(matched.reason()).isEqualTo("all 18 content words have a close match in the passages");
    }

    @Test
    void anInventedClauseLowersItsSentenceAndTheReasonNamesItsWords() {
        SignalResult weakest = run(worst, INVENTED_CLAUSE);
        SignalResult matched = run(share, INVENTED_CLAUSE);

        assertThat(weakest.value()).isLessThan(run(worst, COPIED).value() - 0.1);
        assertThat(weakest.reason()).startsWith("weakest sentence (1) aligns with the passages at ")
                .contains("casino").endsWith("no close match in any passage");
        assertThat(matched.value()).isLessThan(0.9);
        assertThat(matched.flags()).extracting(SignalResult.Flag::sentenceIndex).containsExactly(1);
        assertThat(matched.flags().get(0).reason()).contains("bonus voucher").contains("casino")
                .endsWith("no close match in any passage");
        assertThat(run(mean, INVENTED_CLAUSE).value()).isLessThan(run(mean, COPIED).value());
    }

    @Test
    void anAnswerAboutSomethingElseAlignsWorseThanAParaphrase() {
        double paraphrase = run(mean, "Unused items may be sent back within thirty days after purchase for a full "
                + "refund.").value();
        double unrelated = run(mean, "The museum opens at nine and the guided tours start from the east wing.")
                .value();

        assertThat(paraphrase).isGreaterThan(unrelated + 0.15);
        assertThat(run(share, "The museum opens at nine and the guided tours start from the east wing.").value())
                .isLessThan(0.5);
    }

    @Test
    void theSignalsDoNotApplyWithoutPassages() {
        ScoringContext noPassages = ScoringContext.of(Fixtures.QUESTION, List.of(), COPIED, null);

        assertThat(mean.evaluate(noPassages)).isEmpty();
        assertThat(worst.evaluate(noPassages)).isEmpty();
        assertThat(share.evaluate(noPassages)).isEmpty();
    }

    @Test
    void anAnswerOfFunctionWordsOnlyHasNothingToAlign() {
        assertThat(share.evaluate(Fixtures.context("It is what it is."))).isEmpty();
    }

    @Test
    void workerThreadsScoringAtOnceGetTheSameValuesAsOneThread() throws Exception {
        List<String> answers = List.of(COPIED, INVENTED_CLAUSE, "Standard shipping costs $4.99 and takes a week.",
                "Every laptop carries a two-year warranty from Contoso.", "Shipping to Canada is free on Sundays.");
        List<Double> alone = new ArrayList<>();
        for (String answer : answers) {
            // A fresh context object per call still finds the alignment by its texts.
            alone.add(run(share, answer).value() + run(mean, answer).value());
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Double>> futures = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (String answer : answers) {
                    futures.add(pool.submit(() -> run(share, answer + " ").value() + run(mean, answer + " ").value()));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(alone.get(i % answers.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
