package io.confidencegateway.feedback;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

/**
 * Reads a feedback body strictly: the right JSON type for every field (no "5" for 5, no 4.5 for a score), values
 * in range, and at least one signal. Every problem is reported at once, each naming its field.
 */
public final class FeedbackValidator {

    static final int MAX_TEXT = 20_000;
    static final int MAX_COMMENT = 4_000;
    static final int MAX_USER = 200;
    private static final Set<String> RATINGS = Set.of("up", "down");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private FeedbackValidator() {
    }

    /** The validated request, or a 400 problem listing every invalid field. */
    public static FeedbackRequest validate(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("The request body must be a JSON object with at least one of: "
                    + "rating, final_text, resolved, escalated, csat, hallucination, hallucination_span");
        }
        return new FeedbackValidator().read(body);
    }

    private FeedbackRequest read(JsonNode body) {
        String rating = text(body, "rating", 8);
        if (rating != null && !RATINGS.contains(rating)) {
            error("rating", "must be \"up\" or \"down\"; got \"" + abbreviate(rating) + "\"");
        }
        String finalText = text(body, "final_text", MAX_TEXT);
        Boolean resolved = bool(body, "resolved");
        Boolean escalated = bool(body, "escalated");
        Integer csat = integer(body, "csat");
        if (csat != null && (csat < 1 || csat > 5)) {
            error("csat", "must be an integer from 1 to 5; got " + csat);
        }
        Boolean hallucination = bool(body, "hallucination");
        FeedbackRequest.Span span = span(body);
        if (span != null && Boolean.FALSE.equals(hallucination)) {
            error("hallucination_span", "marks a fabrication, so 'hallucination' cannot be false");
        }
        if (span != null && hallucination == null) {
            hallucination = true;
        }
        String comment = text(body, "comment", MAX_COMMENT);
        String userId = text(body, "user_id", MAX_USER);
        if (errors.isEmpty() && rating == null && finalText == null && resolved == null && escalated == null
                && csat == null && hallucination == null) {
            error("rating", "send at least one signal: rating, final_text, resolved, escalated, csat, hallucination "
                    + "or hallucination_span (a comment alone is not a signal)");
        }
        if (!errors.isEmpty()) {
            String detail = String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList());
            throw new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, null, List.copyOf(errors)));
        }
        return new FeedbackRequest(rating, finalText, resolved, escalated, csat, hallucination, span, comment, userId);
    }

    /**
     * Why a fabrication span does not mark a part of the answer's draft, or empty when it does: offsets must lie
     * within the draft, quoted text must appear in it (runs of whitespace compare as one space).
     */
    public static java.util.Optional<String> spanOutsideDraft(FeedbackRequest.Span span, String draft) {
        if (span == null) {
            return java.util.Optional.empty();
        }
        if (draft == null || draft.isEmpty()) {
            return java.util.Optional.of("the answer has no draft text to mark (e.g. a hand-off); send "
                    + "'hallucination': true without a span");
        }
        if (span.text() != null) {
            return squeezed(draft).contains(squeezed(span.text())) ? java.util.Optional.empty()
                    : java.util.Optional.of("the quoted text \"" + abbreviate(span.text())
                            + "\" does not appear in the draft; quote it exactly as the draft has it");
        }
        return span.end() <= draft.length() ? java.util.Optional.empty()
                : java.util.Optional.of("end " + span.end() + " is past the end of the draft (" + draft.length()
                        + " characters); offsets count characters of the draft, end exclusive");
    }

    private static String squeezed(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private FeedbackRequest.Span span(JsonNode body) {
        JsonNode node = present(body, "hallucination_span");
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            if (node.asText().isBlank() || node.asText().length() > MAX_COMMENT) {
                error("hallucination_span", "quoted text must be 1 to " + MAX_COMMENT + " characters");
                return null;
            }
            return new FeedbackRequest.Span(null, null, node.asText());
        }
        if (!node.isObject()) {
            error("hallucination_span", "must be {\"start\": n, \"end\": m} character offsets or the quoted text");
            return null;
        }
        Integer start = integer(node, "start", "hallucination_span.start");
        Integer end = integer(node, "end", "hallucination_span.end");
        if (start == null || end == null) {
            if (!hasError("hallucination_span")) {
                error("hallucination_span", "needs both 'start' and 'end' (character offsets, end exclusive)");
            }
            return null;
        }
        if (start < 0 || end <= start) {
            error("hallucination_span", "needs 0 <= start < end; got start " + start + ", end " + end);
            return null;
        }
        return new FeedbackRequest.Span(start, end, null);
    }

    private String text(JsonNode body, String field, int max) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            error(field, "must be a string; got " + typeOf(node));
            return null;
        }
        if (node.asText().length() > max) {
            error(field, "must be at most " + max + " characters; got " + node.asText().length());
            return null;
        }
        return node.asText();
    }

    private Boolean bool(JsonNode body, String field) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isBoolean()) {
            error(field, "must be true or false; got " + typeOf(node));
            return null;
        }
        return node.booleanValue();
    }

    private Integer integer(JsonNode body, String field) {
        return integer(body, field, field);
    }

    private Integer integer(JsonNode body, String field, String name) {
        JsonNode node = present(body, field);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            error(name, "must be an integer; got " + typeOf(node));
            return null;
        }
        return node.intValue();
    }

    private static JsonNode present(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private boolean hasError(String prefix) {
        return errors.stream().anyMatch(e -> e.field().startsWith(prefix));
    }

    private void error(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    private static String typeOf(JsonNode node) {
        if (node.isTextual()) {
            return "the string \"" + abbreviate(node.asText()) + "\"";
        }
        if (node.isNumber() || node.isBoolean()) {
            return node.asText();
        }
        return node.isArray() ? "an array" : "an object";
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
