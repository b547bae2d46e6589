package io.confidencegateway.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail ({@code application/problem+json}): what went wrong and what to fix, for validation
 * failures the field-level errors, and where a program should tell one refusal from another a stable {@code code}
 * (an extension member, e.g. {@code not_answer_owner}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem without a code. */
    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /** A 403 with a code that names the refusal. */
    public static Problem forbidden(String code, String detail) {
        return new Problem("about:blank", "Forbidden", 403, detail, null, null, code);
    }

    /** One invalid field and why. */
    public record FieldError(String field, String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }
}
