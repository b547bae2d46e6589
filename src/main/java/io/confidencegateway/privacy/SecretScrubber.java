package io.confidencegateway.privacy;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes anything key-like out of text that came from outside, such as a provider's error message, before the
 * gateway returns, logs or stores it: an upstream that echoes the request's key ("Incorrect API key provided:
 * sk-…") must not put the key into a response body or the database. Replaced, each with {@value #MARK}: the
 * configured secrets themselves, vendor key formats ({@code sk-…}, {@code sk-ant-…}, {@code pk-…}, {@code rk-…}),
 * {@code Bearer}/{@code Basic} credentials, the values of {@code api_key=}, {@code key:}, {@code token=},
 * {@code "secret": "…"} and the like, and long high-entropy tokens. Errs on the side of removing too much: an
 * error message that loses a request id is still an error message.
 */
public final class SecretScrubber {

    /** What a removed secret becomes. */
    public static final String MARK = "[redacted]";
    /** Configured secrets shorter than this are not searched for literally: they would cut ordinary words. */
    static final int MIN_KNOWN_SECRET = 8;
    /** Shortest run of token characters that can count as a high-entropy token. */
    static final int MIN_TOKEN = 20;
    /**
     * Shortest stretch without {@code -}, {@code _} or {@code /} in such a token: model names and dates
     * ({@code claude-3-5-haiku-20241022}), UUIDs (12) and URL paths are made of short parts, keys are not.
     */
    static final int MIN_SEGMENT = 16;
    /** Least Shannon entropy, in bits per character, of a high-entropy token. */
    static final double MIN_ENTROPY = 3.0;

    private static final Pattern VENDOR_KEY = Pattern.compile("\\b(?:sk|pk|rk)-[A-Za-z0-9_\\-]{8,}");
    private static final Pattern CREDENTIAL = Pattern.compile("(?i)\\b(bearer|basic)(\\s+)[A-Za-z0-9._~+/\\-]+=*");
    private static final Pattern NAMED = Pattern.compile("(?i)(\\b(?:x-)?(?:api[_-]?key|apikey|key|token"
            + "|access[_-]?token|secret|client[_-]?secret|password|authorization)[\"']?\\s*[=:]\\s*[\"']?)"
            + "(?!(?:bearer|basic)\\b|\\[redacted])([^\\s\"'&,;)}\\]]+)");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9+/=_\\-]{" + MIN_TOKEN + ",}");

    private final List<String> known;

    /** A scrubber that also removes these configured secrets wherever they appear (blank ones are ignored). */
    public SecretScrubber(Collection<String> knownSecrets) {
        this.known = knownSecrets.stream().filter(Objects::nonNull).map(String::strip)
                .filter(secret -> secret.length() >= MIN_KNOWN_SECRET).distinct()
                // The longest first, so that a secret containing another is removed whole.
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** The text with every secret it recognises replaced by {@value #MARK}; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String clean = text;
        for (String secret : known) {
            clean = clean.replace(secret, MARK);
        }
        clean = VENDOR_KEY.matcher(clean).replaceAll(MARK);
        clean = CREDENTIAL.matcher(clean).replaceAll("$1$2" + Matcher.quoteReplacement(MARK));
        clean = NAMED.matcher(clean).replaceAll("$1" + Matcher.quoteReplacement(MARK));
        return TOKEN.matcher(clean).replaceAll(run -> highEntropy(run.group())
                ? Matcher.quoteReplacement(MARK) : Matcher.quoteReplacement(run.group()));
    }

    /** Whether a run of token characters looks like a key rather than a word, a name, a date or an id. */
    static boolean highEntropy(String run) {
        boolean letter = false;
        boolean digit = false;
        int segment = 0;
        int longest = 0;
        for (int i = 0; i < run.length(); i++) {
            char c = run.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
            segment = c == '-' || c == '_' || c == '/' ? 0 : segment + 1;
            longest = Math.max(longest, segment);
        }
        return run.length() >= MIN_TOKEN && letter && digit && longest >= MIN_SEGMENT
                && entropy(run) >= MIN_ENTROPY;
    }

    /** Shannon entropy of the characters of the text, in bits per character. */
    static double entropy(String text) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double n = text.length();
        for (int count : counts) {
            if (count > 0) {
                bits -= count / n * (Math.log(count / n) / Math.log(2));
            }
        }
        if (other > 0) {
            bits -= other / n * (Math.log(other / n) / Math.log(2));
        }
        return bits;
    }
}
