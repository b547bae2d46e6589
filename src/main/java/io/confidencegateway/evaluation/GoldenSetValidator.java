package io.confidencegateway.evaluation;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.problem.Problem;

/** Checks a golden set; every bad field is named by its path (questions[2].sources). Pure. */
final class GoldenSetValidator {

    static final int MAX_QUESTIONS = 200;
    static final int MAX_QUESTION = 2_000;
    static final int MAX_REFERENCE = 8_000;
    static final int MAX_SOURCE = 500;

    private GoldenSetValidator() {
    }

    static List<Problem.FieldError> check(GoldenSet.Body body) {
        var errors = new ArrayList<Problem.FieldError>();
        if (body == null || body.questions() == null || body.questions().isEmpty()) {
            errors.add(new Problem.FieldError("questions", "needs 1 to " + MAX_QUESTIONS + " questions, e.g. "
                    + "{\"questions\": [{\"question\": \"How long is the refund window?\", \"sources\": "
                    + "[\"refund_policy.md\"]}]}"));
            return errors;
        }
        if (body.questions().size() > MAX_QUESTIONS) {
            errors.add(new Problem.FieldError("questions", "at most " + MAX_QUESTIONS + " questions, got "
                    + body.questions().size()));
        }
        for (int i = 0; i < body.questions().size(); i++) {
            GoldenQuestion q = body.questions().get(i);
            String at = "questions[" + i + "]";
            if (q == null) {
                errors.add(new Problem.FieldError(at, "must be an object with question and sources"));
                continue;
            }
            if (q.question() == null || q.question().isBlank()) {
                errors.add(new Problem.FieldError(at + ".question", "is required and must not be blank"));
            } else if (q.question().length() > MAX_QUESTION) {
                errors.add(new Problem.FieldError(at + ".question", "at most " + MAX_QUESTION + " characters, got "
                        + q.question().length()));
            }
            if (q.sources() == null || q.sources().isEmpty()) {
                errors.add(new Problem.FieldError(at + ".sources", "name at least one source a good answer cites "
                        + "(a document's file name, as in GET /v1/products/{id}/documents)"));
            } else if (q.sources().stream().anyMatch(s -> s == null || s.isBlank() || s.length() > MAX_SOURCE)) {
                errors.add(new Problem.FieldError(at + ".sources", "each source is a non-blank file name of at most "
                        + MAX_SOURCE + " characters"));
            }
            if (q.reference() != null && q.reference().length() > MAX_REFERENCE) {
                errors.add(new Problem.FieldError(at + ".reference", "at most " + MAX_REFERENCE + " characters, got "
                        + q.reference().length()));
            }
        }
        return errors;
    }
}
