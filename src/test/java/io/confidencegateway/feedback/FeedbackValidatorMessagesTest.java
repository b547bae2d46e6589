package io.confidencegateway.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

/** What a client reads when its feedback is refused: the field, what was sent, and the limits exactly. */
class FeedbackValidatorMessagesTest {

    private final ObjectMapper json = new ObjectMapper();

    private Problem.FieldError onlyError(String body) throws Exception {
        var tree = json.readTree(body);
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> FeedbackValidator.validate(tree));
        assertThat(problem).as("refused: " + body).isNotNull();
        assertThat(problem.problem().errors()).hasSize(1);
        return problem.problem().errors().get(0);
    }

    static Stream<Arguments> refusals() {
        String longRating = "x".repeat(9);
        return Stream.of(
                Arguments.of("{\"rating\": \"meh\"}", "rating", "must be \"up\" or \"down\"; got \"meh\""),
                Arguments.of("{\"rating\": \"" + longRating + "\"}", "rating", "must be at most 8 characters; got 9"),
                Arguments.of("{\"rating\": 1}", "rating", "must be a string; got 1"),
                Arguments.of("{\"rating\": [\"up\"]}", "rating", "must be a string; got an array"),
                Arguments.of("{\"rating\": {}}", "rating", "must be a string; got an object"),
                Arguments.of("{\"final_text\": true}", "final_text", "must be a string; got true"),
                Arguments.of("{\"resolved\": \"yes\"}", "resolved", "must be true or false; got the string \"yes\""),
                Arguments.of("{\"escalated\": 1}", "escalated", "must be true or false; got 1"),
                Arguments.of("{\"csat\": 6}", "csat", "must be an integer from 1 to 5; got 6"),
                Arguments.of("{\"csat\": 0}", "csat", "must be an integer from 1 to 5; got 0"),
                Arguments.of("{\"csat\": 4.5}", "csat", "must be an integer; got 4.5"),
                Arguments.of("{\"csat\": 9999999999}", "csat", "must be an integer; got 9999999999"),
                Arguments.of("{\"hallucination_span\": \" \"}", "hallucination_span",
                        "quoted text must be 1 to 4000 characters"),
                Arguments.of("{\"hallucination_span\": 3}", "hallucination_span",
                        "must be {\"start\": n, \"end\": m} character offsets or the quoted text"),
                Arguments.of("{\"hallucination_span\": {\"start\": 2}}", "hallucination_span",
                        "needs both 'start' and 'end' (character offsets, end exclusive)"),
                Arguments.of("{\"hallucination_span\": {\"start\": \"a\", \"end\": 4}}", "hallucination_span.start",
                        "must be an integer; got the string \"a\""),
                Arguments.of("{\"hallucination_span\": {\"start\": -1, \"end\": 4}}", "hallucination_span",
                        "needs 0 <= start < end; got start -1, end 4"),
                Arguments.of("{\"hallucination_span\": {\"start\": 4, \"end\": 4}}", "hallucination_span",
                        "needs 0 <= start < end; got start 4, end 4"),
                Arguments.of("{\"hallucination\": false, \"hallucination_span\": \"made up\"}", "hallucination_span",
                        "marks a fabrication, so 'hallucination' cannot be false"),
                Arguments.of("{\"comment\": \"only a comment\"}", "rating",
                        "send at least one signal: rating, final_text, resolved, escalated, csat, hallucination "
                                + "or hallucination_span (a comment alone is not a signal)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedFieldIsNamedWithWhatWasSentAndWhatToSend(String body, String field, String message)
            throws Exception {
        assertThat(onlyError(body)).isEqualTo(new Problem.FieldError(field, message));
    }

    @Test
    void aLongValueIsQuotedAbbreviatedToFortyCharacters() throws Exception {
        String forty = "y".repeat(40);

        assertThat(onlyError("{\"resolved\": \"" + forty + "\"}").message())
                .isEqualTo("must be true or false; got the string \"" + forty + "\"");
        assertThat(onlyError("{\"resolved\": \"" + forty + "z\"}").message())
                .isEqualTo("must be true or false; got the string \"" + forty + "…\"");
    }

    @Test
    void limitsAreInclusive() throws Exception {
        var body = json.readTree("{\"rating\": \"up\", \"csat\": 1, \"hallucination_span\": {\"start\": 0, \"end\": 1},"
                + "\"comment\": \"" + "c".repeat(FeedbackValidator.MAX_COMMENT) + "\", \"user_id\": \""
                + "u".repeat(FeedbackValidator.MAX_USER) + "\"}");

        FeedbackRequest request = FeedbackValidator.validate(body);

        assertThat(request.csat()).isEqualTo(1);
        assertThat(request.hallucinationSpan()).isEqualTo(new FeedbackRequest.Span(0, 1, null));
        assertThat(request.comment()).hasSize(FeedbackValidator.MAX_COMMENT);
        assertThat(request.userId()).hasSize(FeedbackValidator.MAX_USER);
        assertThat(FeedbackValidator.validate(json.readTree("{\"csat\": 5}")).csat()).isEqualTo(5);
    }

    @Test
    void theValuesSentAreReadBack() throws Exception {
        FeedbackRequest request = FeedbackValidator.validate(json.readTree(
                "{\"rating\": \"down\", \"final_text\": \"Edited.\", \"resolved\": false, \"escalated\": true,"
                        + " \"hallucination_span\": \"the moon\", \"comment\": \"c\"}"));

        assertThat(request.rating()).isEqualTo("down");
        assertThat(request.finalText()).isEqualTo("Edited.");
        assertThat(request.resolved()).isFalse();
        assertThat(request.escalated()).isTrue();
        assertThat(request.hallucination()).isTrue();
        assertThat(request.hallucinationSpan()).isEqualTo(new FeedbackRequest.Span(null, null, "the moon"));
        assertThat(request.comment()).isEqualTo("c");
    }

    @Test
    void aSpanWithABadOffsetIsReportedOnceUnderItsOwnNameAndNotAlsoAsMissingSignals() throws Exception {
        var tree = json.readTree("{\"hallucination_span\": {\"start\": \"a\"}}");
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> FeedbackValidator.validate(tree));

        assertThat(problem.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly("hallucination_span.start");
        assertThat(problem.problem().detail())
                .isEqualTo("hallucination_span.start: must be an integer; got the string \"a\"");
    }

    @Test
    void anIncompleteSpanIsReportedEvenWhenAnotherFieldIsAlsoWrong() throws Exception {
        var tree = json.readTree("{\"rating\": \"meh\", \"hallucination_span\": {\"start\": 2}}");
        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> FeedbackValidator.validate(tree));

        assertThat(problem.problem().errors()).extracting(Problem.FieldError::field)
                .containsExactly("rating", "hallucination_span");
    }

    @Test
    void aQuotedSpanOfExactlyTheCommentLimitIsAcceptedAndOneMoreIsNot() throws Exception {
        String quote = "q".repeat(FeedbackValidator.MAX_COMMENT);

        assertThat(FeedbackValidator.validate(json.readTree("{\"hallucination_span\": \"" + quote + "\"}"))
                .hallucinationSpan().text()).isEqualTo(quote);
        assertThat(onlyError("{\"hallucination_span\": \"" + quote + "q\"}").message())
                .isEqualTo("quoted text must be 1 to 4000 characters");
    }
}
