package io.confidencegateway.confidence.text;

/**
 * A number as written in a text, normalised: {@code value} after any multiplier ("$1.2 million" → 1,200,000),
 * {@code base} before it (1.2), and a unit when one was written ("usd", "percent", "day"…), else null.
 */
public record Quantity(double value, double base, String unit, String text) {

    /** Same amount (with or without its multiplier) and no conflicting units: "$1,200" matches "1200 dollars". */
    public boolean matches(Quantity other) {
        boolean eitherBare = close(value, base) || close(other.value, other.base);
        boolean sameAmount = close(value, other.value) || eitherBare && (close(base, other.base)
                || close(value, other.base) || close(base, other.value));
        boolean unitsAgree = unit == null || other.unit == null || unit.equals(other.unit);
        return sameAmount && unitsAgree;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
