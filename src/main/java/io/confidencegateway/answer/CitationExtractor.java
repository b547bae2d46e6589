package io.confidencegateway.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.GroundingBlock;

/**
 * Finds the citation markers of an answer ({@code [1]}, {@code [1, 3]}, {@code [2][3]}) and resolves each to the
 * passage it names. A marker that names no passage is reported with its sentence, never silently dropped.
 */
public final class CitationExtractor {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3}(?:\\s*,\\s*\\d{1,3})*)\\]");

    /** The citations in order of first use, and the markers that resolve to nothing. */
    public record Extraction(List<Citation> citations, List<CitationIssue> issues, int sentences,
            int citedSentences) {
    }

    private CitationExtractor() {
    }

    public static Extraction extract(String answer, List<Passage> passages) {
        Map<Integer, Passage> byIndex = new LinkedHashMap<>();
        passages.forEach(p -> byIndex.put(p.index(), p));
        Map<Integer, Citation> cited = new LinkedHashMap<>();
        List<CitationIssue> issues = new ArrayList<>();
        List<String> sentences = AnswerSentences.split(answer);
        int citedSentences = 0;
        for (int s = 0; s < sentences.size(); s++) {
            Matcher matcher = MARKER.matcher(sentences.get(s));
            boolean anyValid = false;
            while (matcher.find()) {
                for (String number : matcher.group(1).split(",")) {
                    int index = Integer.parseInt(number.trim());
                    Passage passage = byIndex.get(index);
                    if (passage == null) {
                        issues.add(new CitationIssue("[" + index + "]", s, passages.isEmpty()
                                ? "the answer cites [" + index + "] but no passages were retrieved"
                                : "the answer cites [" + index + "] but only passages 1–" + passages.size()
                                        + " were given"));
                    } else {
                        anyValid = true;
                        cited.putIfAbsent(index, new Citation(index, passage.source(), passage.page(),
                                passage.text(), null));
                    }
                }
            }
            if (anyValid) {
                citedSentences++;
            }
        }
        return new Extraction(List.copyOf(cited.values()), issues, sentences.size(), citedSentences);
    }

    /** The passage numbers a sentence cites. */
    public static List<Integer> markersIn(String sentence) {
        var numbers = new ArrayList<Integer>();
        Matcher matcher = MARKER.matcher(sentence);
        while (matcher.find()) {
            for (String number : matcher.group(1).split(",")) {
                numbers.add(Integer.parseInt(number.trim()));
            }
        }
        return numbers;
    }

    /** The answer without its citation markers, for summaries and plain-text views. */
    public static String withoutMarkers(String answer) {
        return MARKER.matcher(answer).replaceAll("").replaceAll("\\s+([.,;:!?])", "$1").replaceAll("\\s{2,}", " ")
                .strip();
    }
}
