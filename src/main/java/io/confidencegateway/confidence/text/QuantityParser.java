package io.confidencegateway.confidence.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds numbers, money, percentages and durations in text and normalises them, so that "$1,200" equals
 * "1200 dollars", "30 days" equals "thirty days" and "15%" equals "15 percent".
 */
public final class QuantityParser {

    // Letters-then-digits tokens ("Q1", "COVID-19", "B2B") are names, not numbers: they come first in the pattern.
    private static final Pattern TOKEN = Pattern.compile(
            "\\p{L}+[-]?\\d[\\p{L}\\d]*|[$€£%]|\\d[\\d,]*(?:\\.\\d+)?(?:st|nd|rd|th)?"
                    + "|(?i:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-\\p{L}+|\\p{L}+");

    private static final Map<String, Integer> WORDS = Map.ofEntries(Map.entry("zero", 0), Map.entry("one", 1),
            Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("thirteen", 13),
            Map.entry("fourteen", 14), Map.entry("fifteen", 15), Map.entry("sixteen", 16),
            Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50),
            Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90),
            Map.entry("hundred", 100), Map.entry("dozen", 12));

    private static final Map<String, Double> MULTIPLIERS = Map.of("thousand", 1e3, "k", 1e3, "million", 1e6,
            "m", 1e6, "mn", 1e6, "billion", 1e9, "bn", 1e9, "b", 1e9, "trillion", 1e12);

    private static final Map<String, String> UNITS = Map.ofEntries(Map.entry("%", "percent"),
            Map.entry("percent", "percent"), Map.entry("pct", "percent"), Map.entry("percentage", "percent"),
            Map.entry("$", "usd"), Map.entry("dollar", "usd"), Map.entry("dollars", "usd"), Map.entry("usd", "usd"),
            Map.entry("€", "eur"), Map.entry("euro", "eur"), Map.entry("euros", "eur"), Map.entry("eur", "eur"),
            Map.entry("£", "gbp"), Map.entry("pound", "gbp"), Map.entry("pounds", "gbp"), Map.entry("gbp", "gbp"),
            Map.entry("day", "day"), Map.entry("days", "day"), Map.entry("week", "week"), Map.entry("weeks", "week"),
            Map.entry("month", "month"), Map.entry("months", "month"), Map.entry("year", "year"),
            Map.entry("years", "year"), Map.entry("hour", "hour"), Map.entry("hours", "hour"),
            Map.entry("minute", "minute"), Map.entry("minutes", "minute"));

    private QuantityParser() {
    }

    public static List<Quantity> parse(String text) {
        List<String> tokens = new ArrayList<>();
        List<int[]> spans = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
            spans.add(new int[] {m.start(), m.end()});
        }
        List<Quantity> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            Double number = number(token);
            if (number == null) {
                continue;
            }
            int start = i;
            // Speech and transcripts write "twenty five" without the hyphen.
            Double units = i + 1 < tokens.size() && number >= 20 && number < 100 && number % 10 == 0
                    && !Character.isDigit(token.charAt(0)) ? number(tokens.get(i + 1)) : null;
            if (units != null && units >= 1 && units < 10 && !Character.isDigit(tokens.get(i + 1).charAt(0))) {
                number += units;
                i++;
            }
            String currency = start > 0 ? currencyOf(tokens.get(start - 1)) : null;
            double multiplier = 1;
            if (i + 1 < tokens.size() && MULTIPLIERS.containsKey(lower(tokens.get(i + 1)))) {
                multiplier = MULTIPLIERS.get(lower(tokens.get(++i)));
            }
            String unit = currency;
            int unitAt = unitPosition(tokens, i);
            if (unitAt > 0) {
                String next = UNITS.get(lower(tokens.get(unitAt)));
                if (unit == null || unit.equals(next)) {
                    unit = next;
                    i = unitAt;
                }
            }
            // "one" is mostly a pronoun ("no one", "the one who"); count it only with a unit or multiplier.
            if ("one".equalsIgnoreCase(token) && unit == null && multiplier == 1) {
                continue;
            }
            int from = spans.get(currency == null ? start : start - 1)[0];
            out.add(new Quantity(number * multiplier, number, unit, text.substring(from, spans.get(i)[1])));
        }
        return out;
    }

    /** Where the unit of the number at {@code i} is: next token, or after one describing word ("5 business days"). */
    private static int unitPosition(List<String> tokens, int i) {
        if (i + 1 < tokens.size() && UNITS.containsKey(lower(tokens.get(i + 1)))) {
            return i + 1;
        }
        boolean describing = i + 2 < tokens.size() && tokens.get(i + 1).chars().allMatch(Character::isLowerCase)
                && number(tokens.get(i + 1)) == null && !MULTIPLIERS.containsKey(tokens.get(i + 1));
        String unit = describing ? UNITS.get(lower(tokens.get(i + 2))) : null;
        return unit != null && !"%".equals(tokens.get(i + 2)) && !unit.equals("usd") ? i + 2 : -1;
    }

    private static Double number(String token) {
        char first = token.charAt(0);
        if (Character.isDigit(first)) {
            String digits = token.replace(",", "").replaceAll("(st|nd|rd|th)$", "");
            try {
                return Double.parseDouble(digits);
            } catch (NumberFormatException notNumber) {
                return null;
            }
        }
        String lower = lower(token);
        Integer word = WORDS.get(lower);
        if (word != null) {
            return word.doubleValue();
        }
        int dash = lower.indexOf('-');
        if (dash > 0) {
            Integer tens = WORDS.get(lower.substring(0, dash));
            Integer units = WORDS.get(lower.substring(dash + 1));
            if (tens != null && units != null && tens >= 20 && tens % 10 == 0 && units < 10) {
                return (double) tens + units;
            }
        }
        return null;
    }

    private static String currencyOf(String token) {
        return "$".equals(token) || "€".equals(token) || "£".equals(token) ? UNITS.get(token) : null;
    }

    private static String lower(String token) {
        return token.toLowerCase(Locale.ROOT);
    }
}
