package io.confidencegateway.product;

/**
 * One thing wrong with a product id or spec.
 *
 * @param field the JSON path of the offending field in snake_case ({@code thresholds.high}), or {@code null} for
 *        the body as a whole
 * @param message what is wrong and what is allowed
 */
public record SpecViolation(String field, String message) {

    @Override
    public String toString() {
        return field == null ? message : field + ": " + message;
    }
}
