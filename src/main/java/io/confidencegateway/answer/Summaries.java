package io.confidencegateway.answer;

/**
 * The one-line summary of an answer (progressive disclosure: the summary first, the full answer on demand): its
 * first sentence without citation markers, shortened at a word boundary.
 */
public final class Summaries {

    static final int MAX_CHARS = 140;

    private Summaries() {
    }

    public static String of(String answer) {
        String plain = CitationExtractor.withoutMarkers(answer);
        int end = plain.length();
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ((c == '.' || c == '!' || c == '?') && (i + 1 == plain.length() || Character.isWhitespace(
                    plain.charAt(i + 1)))) {
                end = i + 1;
                break;
            }
        }
        String first = plain.substring(0, end).strip();
        if (first.length() <= MAX_CHARS) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX_CHARS - 1);
        return first.substring(0, cut > MAX_CHARS / 2 ? cut : MAX_CHARS - 1).strip() + "…";
    }
}
