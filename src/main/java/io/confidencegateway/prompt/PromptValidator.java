package io.confidencegateway.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.confidencegateway.problem.Problem;

/** Checks a new prompt version and a label move; every bad field is named with what it accepts. Pure. */
final class PromptValidator {

    static final int MAX_INSTRUCTIONS = 20_000;
    static final int MAX_NOTE = 2_000;
    static final int MAX_PASSAGES = 20;
    static final double MAX_TEMPERATURE = 2.0;
    private static final Pattern LABEL = Pattern.compile("[a-z][a-z0-9-]{0,39}");

    private PromptValidator() {
    }

    /** The problems of a new version; {@code knownModel} says whether a model alias resolves. */
    static List<Problem.FieldError> check(NewPrompt prompt, Predicate<String> knownModel) {
        var errors = new ArrayList<Problem.FieldError>();
        if (prompt == null) {
            errors.add(new Problem.FieldError("instructions", "is required: send a JSON object with the system "
                    + "instructions, e.g. {\"instructions\": \"Answer only from the passages...\"}"));
            return errors;
        }
        if (prompt.instructions() == null || prompt.instructions().isBlank()) {
            errors.add(new Problem.FieldError("instructions", "is required and must not be blank"));
        } else if (prompt.instructions().length() > MAX_INSTRUCTIONS) {
            errors.add(new Problem.FieldError("instructions", "at most " + MAX_INSTRUCTIONS + " characters, got "
                    + prompt.instructions().length()));
        }
        if (prompt.model() != null && (prompt.model().isBlank() || !knownModel.test(prompt.model()))) {
            errors.add(new Problem.FieldError("model", "'" + prompt.model() + "' is not a model alias; GET "
                    + "/v1/models lists them, or leave model out to keep the product's"));
        }
        Double temperature = prompt.temperature();
        if (temperature != null && (temperature.isNaN() || temperature < 0 || temperature > MAX_TEMPERATURE)) {
            errors.add(new Problem.FieldError("temperature", "must be between 0 and " + MAX_TEMPERATURE + ", got "
                    + temperature));
        }
        if (prompt.passages() != null && (prompt.passages() < 1 || prompt.passages() > MAX_PASSAGES)) {
            errors.add(new Problem.FieldError("passages", "must be between 1 and " + MAX_PASSAGES + ", got "
                    + prompt.passages()));
        }
        if (prompt.note() != null && prompt.note().length() > MAX_NOTE) {
            errors.add(new Problem.FieldError("note", "at most " + MAX_NOTE + " characters, got "
                    + prompt.note().length()));
        }
        return errors;
    }

    /** Whether a label name is usable: a lowercase slug starting with a letter, at most 40 characters. */
    static boolean isValidLabel(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    /**
     * The problems of moving {@code label}; {@code otherWeights} is the sum of the weights of the labels other
     * than production and this one, so that the shares never add up to more than everyone.
     */
    static List<Problem.FieldError> check(String label, LabelMove move, int otherWeights) {
        var errors = new ArrayList<Problem.FieldError>();
        if (!isValidLabel(label)) {
            errors.add(new Problem.FieldError("label", "'" + label + "' is not a label name: a lowercase slug "
                    + "starting with a letter (a-z, 0-9, '-'), at most 40 characters, e.g. canary"));
        }
        if (move == null || move.version() == null) {
            errors.add(new Problem.FieldError("version", "is required: the version the label points at, e.g. "
                    + "{\"version\": 2, \"weight\": 10}"));
            return errors;
        }
        if (move.version() < 1) {
            errors.add(new Problem.FieldError("version", "must be 1 or more, got " + move.version()));
        }
        int weight = move.weight() == null ? 0 : move.weight();
        if (PromptLabel.PRODUCTION.equals(label)) {
            if (weight != 0) {
                errors.add(new Problem.FieldError("weight", "production takes whatever the other labels leave; "
                        + "leave weight out (or 0) and set the weight on the other label instead"));
            }
        } else if (weight < 0 || weight > 100) {
            errors.add(new Problem.FieldError("weight", "must be between 0 and 100, got " + weight));
        } else if (otherWeights + weight > 100) {
            errors.add(new Problem.FieldError("weight", "the other labels already take " + otherWeights
                    + "% of the traffic, so this one can take at most " + (100 - otherWeights) + "%, got " + weight));
        }
        if (move.forced() && (move.reason() == null || move.reason().isBlank())) {
            errors.add(new Problem.FieldError("reason", "a forced move needs a reason, kept in the audit log"));
        }
        if (move.reason() != null && move.reason().length() > MAX_NOTE) {
            errors.add(new Problem.FieldError("reason", "at most " + MAX_NOTE + " characters, got "
                    + move.reason().length()));
        }
        return errors;
    }
}
