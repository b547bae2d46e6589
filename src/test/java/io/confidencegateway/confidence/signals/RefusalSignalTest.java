package io.confidencegateway.confidence.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.Fixtures;
import io.confidencegateway.confidence.SignalResult;

class RefusalSignalTest {

    private final RefusalSignal signal = new RefusalSignal();

    @Test
    void aRefusalThePassagesBearOutIsRight() {
        SignalResult result = signal.evaluate(Fixtures.context("Can I pay with Bitcoin?",
                "The passages do not mention which payment methods are accepted.", null)).orElseThrow();
        assertThat(result.value()).isEqualTo(1.0);
        assertThat(result.reason()).isEqualTo("the answer declines ('passages do not mention') and no passage "
                + "sentence holds all of the question's terms: a refusal the passages bear out");
    }

    @Test
    void aRefusalWhenAPassageSentenceHoldsEveryTermOfTheQuestionIsAMiss() {
        SignalResult result = signal.evaluate(Fixtures.context("Does the warranty cover accidental damage?",
                "Unable to answer based on given passages.", null)).orElseThrow();
        assertThat(result.value()).isEqualTo(0.0);
        assertThat(result.reason()).isEqualTo("the answer declines ('unable to answer'), but passage [3] has every "
                + "term of the question ('warranty', 'cover', 'accidental', 'damag'): the answer is probably there");
    }

    @Test
    void claimSupportReadsAnAnswerableRefusalAsAnUnsupportedClaimAboutThePassages() {
        SignalResult result = new ClaimSupportSignal().evaluate(Fixtures.context("How long does the warranty cover "
                + "accidental damage?", "Unable to answer based on given passages.", null)).orElseThrow();
        // "how long" is the question's form: the terms are warranty, cover, accidental, damage.
        assertThat(result.value()).isEqualTo(0.0);
        assertThat(result.reason()).isEqualTo("the answer says the passages do not answer the question, but passage "
                + "[3] has every term of the question ('warranty', 'cover', 'accidental', 'damag')");
        assertThat(result.flags()).singleElement().satisfies(f -> assertThat(f.sentenceIndex()).isZero());
    }

    @Test
    void aQuestionOfOneTermIsNoEvidenceThatThePassagesAnswerIt() {
        SignalResult result = signal.evaluate(Fixtures.context("Warranty?", "Unable to answer based on given "
                + "passages.", null)).orElseThrow();
        assertThat(result.value()).isEqualTo(1.0);
    }

    @Test
    void doesNotApplyToARealAnswerEvenWithATrailingRefusal() {
        assertThat(signal.evaluate(Fixtures.context("You can return an unused item within 30 days. Unable to answer "
                + "based on given passages."))).isEmpty();
    }

    @Test
    void aTrailingRefusalDoesNotSinkTheAnswerBeforeIt() {
        ClaimSupportSignal support = new ClaimSupportSignal();
        String answer = "You can return an unused item within 30 days of purchase for a full refund.";
        double alone = support.evaluate(Fixtures.context(answer)).orElseThrow().value();
        double withRefusal = support.evaluate(Fixtures.context(answer + "\n\nUnable to answer based on given "
                + "passages.")).orElseThrow().value();
        assertThat(withRefusal).isEqualTo(alone).isGreaterThanOrEqualTo(0.9);
        assertThat(support.evaluate(Fixtures.context("Can I pay with Bitcoin?", "Unable to answer based on given "
                + "passages.", null)).orElseThrow().reason()).isEqualTo("the answer makes no claim of its own: it says the passages do not answer the "
                        + "question");
    }
}
