package io.confidencegateway.confidence.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text into sentences and analyses each: tokens, content stems, names, quantities, negation, citations. */
public final class TextAnalyzer {

    private static final Pattern CITATION = Pattern.compile("\\[(\\d+(?:\\s*[,;]\\s*\\d+)*)\\]");
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])[\"”')\\]]*\\s+(?=[\\p{Lu}\\d\"“(\\[])");
    // A word starts at a word boundary, so the "D" of "3D" is not a name of its own.
    // "1. Sign in", "2) Open", "* Red", "- Blue": a list marker is layout, not a sentence with the number 1 in it.
    private static final Pattern LIST_MARKER = Pattern.compile("^\\s*(?:\\d{1,2}[.)]|[*•\\-–])\\s+");
    private static final Pattern RAW_WORD = Pattern.compile("(?<![\\p{L}\\p{N}])\\p{L}[\\p{L}\\d'’]*");
    private static final Pattern POSSESSIVE = Pattern.compile("['’]s$");
    private static final Pattern LEADING_MARKERS = Pattern.compile("^((?:\\[\\d+(?:\\s*[,;]\\s*\\d+)*\\]\\s*)+)");
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("\\s+([.,;:!?])");
    private static final Pattern DOTTED_ACRONYM = Pattern.compile("\\b((?:\\p{Lu}\\.){2,})");
    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc",
            "ltd", "co", "corp", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
            "sept", "oct", "nov", "dec", "no", "fig", "approx", "u.s", "u.k", "a.m", "p.m");

    private TextAnalyzer() {
    }

    public static AnalyzedText analyze(String text) {
        List<String> raw = split(collapseAcronyms(text == null ? "" : text));
        Set<String> midCapitals = midSentenceCapitals(raw);
        List<AnalyzedSentence> sentences = new ArrayList<>(raw.size());
        for (String sentence : raw) {
            sentences.add(sentence(sentences.size(), sentence, midCapitals));
        }
        return AnalyzedText.of(text, sentences);
    }

    /** "U.K." and "UK" are one name; the dots would also end sentences early. */
    static String collapseAcronyms(String text) {
        Matcher m = DOTTED_ACRONYM.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1).replace(".", "")));
        }
        return m.appendTail(out).toString();
    }

    /** Sentences of a text: lines first (lists, chat turns, paragraphs), then sentence ends within a line. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\\R+")) {
            String line = LIST_MARKER.matcher(raw).replaceFirst("");
            int start = 0;
            Matcher m = BOUNDARY.matcher(line);
            while (m.find()) {
                if (!isAbbreviation(line, m.start())) {
                    add(out, line.substring(start, m.start()));
                    start = m.end();
                }
            }
            add(out, line.substring(start));
        }
        return out;
    }

    private static void add(List<String> out, String sentence) {
        String s = sentence.strip();
        // "… 30 days. [1] Next" puts the marker after the stop: it belongs to the sentence before.
        Matcher lead = LEADING_MARKERS.matcher(s);
        if (lead.find() && !out.isEmpty()) {
            out.set(out.size() - 1, out.get(out.size() - 1) + " " + lead.group(1).strip());
            s = s.substring(lead.end()).strip();
        }
        if (!s.isEmpty() && s.chars().anyMatch(Character::isLetterOrDigit)) {
            out.add(s);
        }
    }

    private static boolean isAbbreviation(String line, int stopEnd) {
        int end = stopEnd - 1;
        int begin = end;
        while (begin > 0 && !Character.isWhitespace(line.charAt(begin - 1))) {
            begin--;
        }
        String word = line.substring(begin, end).toLowerCase(Locale.ROOT).replaceAll("^[(\"“]+", "");
        return ABBREVIATIONS.contains(word) || word.length() == 1 && Character.isLetter(word.charAt(0));
    }

    private static AnalyzedSentence sentence(int index, String sentence, Set<String> midCapitals) {
        List<Integer> citations = new ArrayList<>();
        Matcher c = CITATION.matcher(sentence);
        while (c.find()) {
            for (String n : c.group(1).split("\\s*[,;]\\s*")) {
                citations.add(Integer.parseInt(n));
            }
        }
        String text = SPACE_BEFORE_PUNCTUATION.matcher(CITATION.matcher(sentence).replaceAll("")).replaceAll("$1").strip();
        List<String> tokens = Words.tokens(text);
        List<String> names = names(text, midCapitals);
        Set<String> nameSet = new HashSet<>(names);
        List<String> content = new ArrayList<>();
        boolean negated = false;
        for (String token : tokens) {
            negated |= Words.isNegation(token);
            if (Words.isContent(token) && !nameSet.contains(token)) {
                content.add(Words.stem(token));
            }
        }
        return new AnalyzedSentence(index, text, List.copyOf(tokens), List.copyOf(content), List.copyOf(names),
                List.copyOf(QuantityParser.parse(text)), negated, List.copyOf(citations));
    }

    /**
     * Names: capitalised words inside a sentence, words with inner capitals ("HyperLux", "BOJ"), and a
     * sentence-initial capital only when the same word is capitalised mid-sentence elsewhere in the text.
     */
    private static List<String> names(String sentence, Set<String> midCapitals) {
        List<String> out = new ArrayList<>();
        Matcher m = RAW_WORD.matcher(sentence);
        boolean first = true;
        while (m.find()) {
            String word = POSSESSIVE.matcher(m.group()).replaceAll("");
            boolean capital = Character.isUpperCase(word.charAt(0));
            boolean inner = word.length() > 1 && word.substring(1).chars().anyMatch(Character::isUpperCase);
            String lower = word.toLowerCase(Locale.ROOT);
            if ((inner || capital && (!first || midCapitals.contains(lower))) && !Words.isStop(lower)
                    && !Words.isNegation(lower)) {
                for (String part : Words.tokens(word)) {
                    out.add(part);
                }
            }
            first = false;
        }
        return out;
    }

    private static Set<String> midSentenceCapitals(List<String> sentences) {
        Set<String> out = new HashSet<>();
        for (String sentence : sentences) {
            Matcher m = RAW_WORD.matcher(sentence);
            boolean first = true;
            while (m.find()) {
                if (!first && Character.isUpperCase(m.group().charAt(0))) {
                    out.add(POSSESSIVE.matcher(m.group()).replaceAll("").toLowerCase(Locale.ROOT));
                }
                first = false;
            }
        }
        return out;
    }
}
