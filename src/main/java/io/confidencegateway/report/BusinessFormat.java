package io.confidencegateway.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Numbers as stakeholders read them: percentages, scores out of 5, dollars, and changes with a direction. */
final class BusinessFormat {

    static final String PERCENT = "percent";
    static final String SCORE = "score";
    static final String USD = "usd";

    private BusinessFormat() {
    }

    static String value(String unit, Double value) {
        if (value == null) {
            return "no data";
        }
        switch (unit) {
            case PERCENT:
                return percent(value);
            case USD:
                return dollars(value);
            default:
                return String.format(Locale.ROOT, "%.1f", value);
        }
    }

    /** 0.725 → "72.5%", 0.72 → "72%". */
    static String percent(double share) {
        return strip(BigDecimal.valueOf(share * 100).setScale(1, RoundingMode.HALF_UP)) + "%";
    }

    /** Cents for a dollar or more; four decimals below a cent so that small costs do not read as $0.00. */
    static String dollars(double usd) {
        int scale = Math.abs(usd) >= 0.01 || usd == 0 ? 2 : 4;
        return "$" + BigDecimal.valueOf(Math.abs(usd)).setScale(scale, RoundingMode.HALF_UP).toPlainString();
    }

    /** The change in words: percentage points, dollars or score points, with its direction. */
    static String change(String unit, Double current, Double previous) {
        if (current == null) {
            return "no data this week";
        }
        if (previous == null) {
            return "no data the week before";
        }
        double delta = current - previous;
        String amount;
        switch (unit) {
            case PERCENT:
                amount = String.format(Locale.ROOT, "%.1f percentage points", Math.abs(delta) * 100);
                break;
            case USD:
                amount = dollars(Math.abs(delta));
                break;
            default:
                amount = String.format(Locale.ROOT, "%.1f", Math.abs(delta));
        }
        if (amount.startsWith("0.0 ") || amount.equals("0.0") || amount.equals("$0.00")) {
            return "unchanged";
        }
        return (delta > 0 ? "up " : "down ") + amount;
    }

    private static String strip(BigDecimal value) {
        String text = value.toPlainString();
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
