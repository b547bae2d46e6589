package io.confidencegateway.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an answer into sentences the way citations are written: a citation marker right after a sentence's full
 * stop ("… 30 days. [1]") belongs to that sentence, as does one right before it ("… 30 days [1].").
 */
public final class AnswerSentences {

    private static final Pattern TRAILING_MARKERS = Pattern.compile("\\G(?:\\s*\\[\\d{1,3}(?:\\s*,\\s*\\d{1,3})*\\])+");

    private AnswerSentences() {
    }

    public static List<String> split(String answer) {
        var sentences = new ArrayList<String>();
        String text = answer == null ? "" : answer.strip();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean end = (c == '.' || c == '!' || c == '?')
                    && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)) || text.charAt(i + 1) == '[');
            if (c == '\n' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                end = true;
            }
            if (!end) {
                i++;
                continue;
            }
            int stop = i + 1;
            Matcher markers = TRAILING_MARKERS.matcher(text);
            if (markers.find(stop)) {
                stop = markers.end();
            }
            addIfText(sentences, text.substring(start, stop));
            start = stop;
            i = stop;
        }
        addIfText(sentences, text.substring(start));
        return sentences;
    }

    private static void addIfText(List<String> sentences, String sentence) {
        String trimmed = sentence.strip();
        if (!trimmed.isEmpty()) {
            sentences.add(trimmed);
        }
    }
}
