package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.TextAnalyzer;

class AnswerShapeTest {

    private static AnswerShape shape(String answer) {
        return AnswerShape.of(TextAnalyzer.analyze(answer));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Unable to answer based on given passages.",
        "The passages do not provide information about phone warranties.",
        "The given passages do not mention gift cards.",
        "There is no information about gift cards in the passages.",
        "I cannot answer that from the provided documents.",
        "Based on the given passages, it is not possible to determine the current weather in Clearwater.",
        "The return window for phones is not mentioned in the passages.",
        "As an AI, I have no access to your order.",
        "Unfortunately, the provided passages do not contain enough information to answer the question.",
        "I cannot provide information about gift cards.",
        "There is no mention of gift cards in the passages.",
        "Passage 2 does not say whether gift cards can be returned.",
        "The passages do not mention gift cards, and I hope this helps."})
    void recognisesARefusalInTheWordsModelsUse(String answer) {
        AnswerShape shape = shape(answer);
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.REFUSAL);
        assertThat(shape.claims()).isEmpty();
        assertThat(shape.refusalText()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Opened software cannot be returned.",
        "The warranty does not cover accidental damage.",
        "Shipping to Canada is not available.",
        "The fee does not include tax.",
        // Policy statements in a refusal's words: the claims the review found skipped.
        "We cannot provide refunds for opened software.",
        "We cannot provide refunds for opened software after 90 days.",
        "We cannot provide refunds for opened software, even with a receipt and a manager's approval.",
        "Refunds cannot be given for opened software.",
        "The shipping information does not include Canada, and express delivery to Mexico costs $9.99 and takes one day.",
        "No information is shared with third parties.",
        "The order details do not include the gift wrap."})
    void aNegatedClaimIsNotARefusal(String answer) {
        AnswerShape shape = shape(answer);
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.ANSWER);
        assertThat(shape.claims()).extracting(AnalyzedSentence::text).containsExactly(answer);
    }

    @Test
    void aTrailingRefusalIsSetAsideAndTheAnswerBeforeItIsTheClaim() {
        AnswerShape shape = shape("You can return an unused item within 30 days of purchase for a full refund.\n\n"
                + "Unable to answer based on given passages.");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.PARTIAL_REFUSAL);
        assertThat(shape.refusals()).containsExactly(1);
        assertThat(shape.claims()).extracting(AnalyzedSentence::index).containsExactly(0);
    }

    @Test
    void framingAndCourtesyLinesAreNotClaims() {
        AnswerShape shape = shape("Based on the given passages, here are the steps:\n1. Sign in to your account.\n"
                + "I hope this helps! Let me know if you have any other questions.");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.ANSWER);
        assertThat(shape.framing()).containsExactly(0, 2, 3);
        assertThat(shape.claims()).extracting(AnalyzedSentence::text).containsExactly("Sign in to your account.");
    }

    @Test
    void leadInsAndPassageReferencesAreCutFromTheClaim() {
        AnswerShape shape = shape("According to passage 1, customers can return any unused item within 30 days "
                + "(Passage 1). Passage 2 states that standard shipping costs $4.99.");
        assertThat(shape.claims()).extracting(AnalyzedSentence::text).containsExactly(
                "customers can return any unused item within 30 days.", "standard shipping costs $4.99.");
        assertThat(shape.claims()).extracting(AnalyzedSentence::index).containsExactly(0, 1);
    }

    @Test
    void anAnswerOfOnlyAFramingLineIsJudgedAsWritten() {
        AnswerShape shape = shape("Here are the steps:");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.ANSWER);
        assertThat(shape.framing()).isEmpty();
        assertThat(shape.claims()).hasSize(1);
    }

    @Test
    void aNegationTheAnswerReportsFromThePassagesIsAClaim() {
        AnswerShape shape = shape("The passages say the fee does not include tax.");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.ANSWER);
        assertThat(shape.claims()).extracting(AnalyzedSentence::text).containsExactly("the fee does not include tax.");
    }

    @Test
    void whatARefusalSentenceGoesOnToClaimIsChecked() {
        AnswerShape shape = shape("The passages do not mention Canada, but express delivery costs $9.99.");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.PARTIAL_REFUSAL);
        assertThat(shape.refusals()).containsExactly(0);
        assertThat(shape.refusalText()).contains("passages do not mention");
        assertThat(shape.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.index()).isZero();
            assertThat(claim.text()).isEqualTo("express delivery costs $9.99.");
        });
    }

    @Test
    void aClaimBeforeTheRefusalClauseIsCheckedToo() {
        AnswerShape shape = shape("Standard shipping costs $4.99; the passages do not say how long express takes.");
        assertThat(shape.kind()).isEqualTo(AnswerShape.Kind.PARTIAL_REFUSAL);
        assertThat(shape.claims()).extracting(AnalyzedSentence::text).containsExactly("Standard shipping costs $4.99.");
    }
}
