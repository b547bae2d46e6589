package io.confidencegateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

class FeedbackValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {"csat": 7}                               | csat
            {"csat": 0}                               | csat
            {"csat": 4.5}                             | csat
            {"csat": "5"}                             | csat
            {"rating": "meh"}                         | rating
            {"rating": 1}                             | rating
            {"resolved": "yes"}                       | resolved
            {"escalated": 1}                          | escalated
            {"hallucination": "true"}                 | hallucination
            {"final_text": 42}                        | final_text
            {"hallucination_span": {"start": 5, "end": 2}} | hallucination_span
            {"hallucination_span": {"start": "a", "end": 2}} | hallucination_span.start
            {"hallucination_span": [1, 2]}            | hallucination_span
            {"hallucination": false, "hallucination_span": "made up"} | hallucination_span
            {"comment": "only a comment"}             | rating
            {}                                        | rating
            """)
    void invalidValuesAreRefusedNamingTheField(String body, String field) throws Exception {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> FeedbackValidator.validate(JSON.readTree(body)));
        assertThat(problem.problem().status()).isEqualTo(400);
        assertThat(problem.problem().errors()).extracting(Problem.FieldError::field).contains(field);
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() throws Exception {
        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> FeedbackValidator.validate(JSON.readTree("{\"csat\": 9, \"rating\": \"meh\"}")));
        assertThat(problem.problem().errors()).extracting(Problem.FieldError::field).containsExactly("rating", "csat");
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        assertThat(catchThrowableOfType(ProblemException.class, () -> FeedbackValidator.validate(JSON.readTree("[1]")))
                .problem().status()).isEqualTo(400);
        assertThat(catchThrowableOfType(ProblemException.class, () -> FeedbackValidator.validate(null))
                .problem().status()).isEqualTo(400);
    }

    @Test
    void aValidBodyIsReadWithASpanImplyingAFabrication() throws Exception {
        JsonNode body = JSON.readTree("""
                {"rating": "up", "final_text": "Sent.", "resolved": true, "escalated": false, "csat": 5,
                 "hallucination_span": {"start": 3, "end": 9}, "comment": "c", "user_id": "agent-7"}""");
        FeedbackRequest request = FeedbackValidator.validate(body);
        assertThat(request.hallucination()).isTrue();
        assertThat(request.hallucinationSpan()).isEqualTo(new FeedbackRequest.Span(3, 9, null));
        assertThat(request.judgedCorrect()).as("a fabrication makes the draft incorrect").isFalse();
        assertThat(request.csat()).isEqualTo(5);
        assertThat(request.userId()).isEqualTo("agent-7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"rating": "up"}                  | true
            {"rating": "down"}                | false
            {"csat": 3}                       |
            {"rating": "up", "hallucination": true} | false
            """)
    void theVerdictFollowsTheRatingUnlessFabricated(String body, Boolean correct) throws Exception {
        assertThat(FeedbackValidator.validate(JSON.readTree(body)).judgedCorrect()).isEqualTo(correct);
    }

    private static final String DRAFT = "Refunds take 30 days.";

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            start 0, end 21 (the whole draft)   | 0  | 21 |
            start 20, end 21 (the last character) | 20 | 21 |
            quoted as written                   |    |    | 30 days
            quoted with other whitespace        |    |    | '  take   30 '
            """)
    void aSpanInsideTheDraftIsAccepted(String name, Integer start, Integer end, String text) {
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(start, end, text), DRAFT)).isEmpty();
    }

    @Test
    void anEndPastTheDraftIsRefusedWithTheDraftLength() {
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(3, 22, null), DRAFT))
                .hasValue("end 22 is past the end of the draft (21 characters); offsets count characters of the "
                        + "draft, end exclusive");
    }

    @Test
    void quotedTextTheDraftDoesNotContainIsRefusedQuotingIt() {
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(null, null, "60 days"), DRAFT))
                .hasValue("the quoted text \"60 days\" does not appear in the draft; quote it exactly as the draft "
                        + "has it");
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(null, null, "refunds"), DRAFT))
                .as("case matters").isPresent();
    }

    @Test
    void anAnswerWithoutADraftHasNothingToMark() {
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(0, 1, null), null)).isPresent();
        assertThat(FeedbackValidator.spanOutsideDraft(new FeedbackRequest.Span(null, null, "x"), "")).isPresent();
        assertThat(FeedbackValidator.spanOutsideDraft(null, null)).isEmpty();
    }
}
