package io.confidencegateway.feedback;

import java.util.Arrays;

/**
 * How much an agent changed a draft: the Levenshtein distance on <em>words</em> (whitespace-separated, case and
 * punctuation kept) divided by the word count of the longer text, so 0 means sent as drafted and 1 means
 * nothing of the draft survived. Words rather than characters, because an agent who rewrites one clause has
 * changed the answer as much as one who rewrites one word of a long answer has not, whatever the letters.
 */
public final class EditDistance {

    private EditDistance() {
    }

    /** The normalised word edit distance in [0, 1]; two empty texts are identical (0). */
    public static double ratio(String draft, String sent) {
        String[] a = words(draft);
        String[] b = words(sent);
        int longer = Math.max(a.length, b.length);
        if (longer == 0) {
            return 0.0;
        }
        return (double) distance(a, b) / longer;
    }

    /** The Levenshtein distance between two word sequences (insert, delete, substitute: cost 1 each). */
    static int distance(String[] a, String[] b) {
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitute = previous[j - 1] + (a[i - 1].equals(b[j - 1]) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length];
    }

    static String[] words(String text) {
        if (text == null || text.isBlank()) {
            return new String[0];
        }
        return Arrays.stream(text.trim().split("\\s+")).toArray(String[]::new);
    }
}
