package io.confidencegateway.privacy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text with placeholders ({@code [EMAIL]}, {@code [PHONE]}, {@code [CARD]},
 * {@code [IBAN]}, {@code [SSN]}) and counts what it replaced. Pure and thread-safe; patterns are compiled once,
 * none can backtrack catastrophically, and no input makes it throw.
 *
 * <p>What it recognises, deliberately narrow so that order numbers, dates, years and prices survive:
 * <ul>
 * <li>e-mail addresses ({@code local@domain.tld});
 * <li>IBANs: two capital letters, two check digits, 11–30 capitals or digits, single spaces allowed, valid
 * under ISO 7064 mod-97;
 * <li>payment cards: 13–19 digits, single spaces or dashes allowed between them, passing the Luhn check;
 * <li>US SSNs written {@code AAA-GG-SSSS}, without area 000, 666 or 9xx, group 00 or serial 0000;
 * <li>phone numbers: international ({@code +} country code, then 8–15 digits in all, separated by spaces, dots,
 * dashes or parentheses) or US ({@code 555-123-4567}, {@code (555) 123-4567}, {@code 555.123.4567}, optional
 * leading {@code 1}); unseparated digit runs are not treated as phone numbers.
 * </ul>
 * Detectors run in that order on the text the previous one left, so a number is counted once, as the most
 * specific type (an IBAN's digits are never taken for a card, a card's for a phone).
 */
public final class PiiRedactor {

    /** Returns the end (exclusive) of the valid PII inside a candidate match, or -1 when it is not PII. */
    @FunctionalInterface
    private interface Validator {
        int validEnd(String text, int start, int end);
    }

    private record Detector(PiiType type, Pattern pattern, Validator validator) {
    }

    private static final Validator ANY = (text, start, end) -> end;

    private static final List<Detector> DETECTORS = List.of(
            new Detector(PiiType.EMAIL, Pattern.compile(
                    "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*"
                            + "\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"),
                    ANY),
            new Detector(PiiType.IBAN, Pattern.compile(
                    "(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])"),
                    PiiRedactor::validIbanEnd),
            new Detector(PiiType.PHONE, Pattern.compile(
                    "(?<![\\w+])\\+[1-9](?:[ .()-]{0,2}[0-9]){7,14}(?![0-9])"),
                    ANY),
            new Detector(PiiType.CARD, Pattern.compile(
                    "(?<![\\w+-])[0-9](?:[ -]?[0-9]){12,18}(?!\\w)"),
                    PiiRedactor::validCardEnd),
            new Detector(PiiType.SSN, Pattern.compile(
                    "(?<![\\w-])(?!000|666|9)[0-9]{3}-(?!00)[0-9]{2}-(?!0000)[0-9]{4}(?![\\w-])"),
                    ANY),
            new Detector(PiiType.PHONE, Pattern.compile(
                    "(?<![\\w$.,+-])(?:1[ .-])?(?:\\([0-9]{3}\\)[ .-]?|[0-9]{3}[ .-])[0-9]{3}[ .-][0-9]{4}"
                            + "(?![\\w-]|[.,][0-9])"),
                    ANY));

    /** The detectors' patterns in the order they run, for the test that bounds how much of a text each one reads. */
    static List<Pattern> patterns() {
        return DETECTORS.stream().map(Detector::pattern).toList();
    }

    /** Redacts the text; null reads as empty. */
    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction("", Map.of());
        }
        Map<PiiType, Integer> counts = new EnumMap<>(PiiType.class);
        String current = text;
        for (Detector detector : DETECTORS) {
            current = apply(current, detector, counts);
        }
        return new Redaction(current, counts);
    }

    private static String apply(String text, Detector detector, Map<PiiType, Integer> counts) {
        Matcher matcher = detector.pattern().matcher(text);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from < text.length() && matcher.find(from)) {
            int end = detector.validator().validEnd(text, matcher.start(), matcher.end());
            if (end < 0) {
                // Skip the whole candidate: a shorter tail of a failing number is not PII on its own.
                from = matcher.end();
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start()).append(detector.type().placeholder());
            counts.merge(detector.type(), 1, Integer::sum);
            copied = end;
            from = end;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    private static int validCardEnd(String text, int start, int end) {
        return luhnValid(text, start, end) ? end : -1;
    }

    /** The Luhn check over the digits of text[start, end). */
    static boolean luhnValid(CharSequence text, int start, int end) {
        int sum = 0;
        boolean doubled = false;
        int digits = 0;
        for (int i = end - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /**
     * The greedy pattern may run into a following word in capitals ("... 3000 NOW"), so a candidate that fails is
     * retried without its trailing space-separated groups.
     */
    private static int validIbanEnd(String text, int start, int end) {
        int candidateEnd = end;
        while (candidateEnd > start) {
            if (ibanValid(text, start, candidateEnd)) {
                return candidateEnd;
            }
            candidateEnd = text.lastIndexOf(' ', candidateEnd - 1);
            if (candidateEnd <= start) {
                return -1;
            }
        }
        return -1;
    }

    /** ISO 13616 length and ISO 7064 mod-97 check over text[start, end), spaces ignored. */
    static boolean ibanValid(CharSequence text, int start, int end) {
        StringBuilder compact = new StringBuilder(34);
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c != ' ') {
                compact.append(c);
            }
        }
        if (compact.length() < 15 || compact.length() > 34) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < rearranged.length(); i++) {
            char c = rearranged.charAt(i);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }
}
