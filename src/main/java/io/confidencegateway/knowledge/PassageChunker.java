package io.confidencegateway.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a document's extracted text into passages by its structure. Headings start new sections and each chunk of a
 * section begins with its heading: markdown's {@code #} lines, and in text and PDF a paragraph that is one short line
 * without closing punctuation (how titles come out of a PDF). Paragraphs are grouped up to about {@code maxChars};
 * a paragraph too long for one passage is cut between sentences; consecutive chunks of one section share about one sentence, so
 * that a fact on a boundary is whole in at least one of them. PDF pages are sections of their own: a passage never
 * spans two pages.
 */
final class PassageChunker {

    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}[ \\t]+\\S.*$", Pattern.MULTILINE);
    private static final Pattern FENCE = Pattern.compile("^(```|~~~)", Pattern.MULTILINE);
    private static final int MAX_TITLE_CHARS = 80;

    private final int maxChars;

    PassageChunker(int maxChars) {
        if (maxChars < 100) {
            throw new IllegalArgumentException("gateway.knowledge.passage-chars must be at least 100");
        }
        this.maxChars = maxChars;
    }

    List<Chunk> chunk(ExtractedText extracted, DocumentFormat format) {
        String text = extracted.text();
        List<Chunk> chunks = new ArrayList<>();
        for (ExtractedText.Page page : extracted.pages()) {
            List<int[]> headings = format == DocumentFormat.MARKDOWN ? markdownHeadings(text, page.start(), page.end())
                    : titleLines(text, page.start(), page.end());
            chunkSections(text, page, headings, chunks);
        }
        return chunks;
    }

    private void chunkSections(String text, ExtractedText.Page page, List<int[]> headings, List<Chunk> out) {
        int previousEnd = page.start();
        int headingStart = -1;
        int headingEnd = -1;
        for (int[] heading : headings) {
            chunkSection(text, headingStart, headingEnd, headingStart < 0 ? previousEnd : headingEnd, heading[0],
                    page.number(), out);
            headingStart = heading[0];
            headingEnd = heading[1];
            previousEnd = heading[1];
        }
        chunkSection(text, headingStart, headingEnd, headingStart < 0 ? previousEnd : headingEnd, page.end(),
                page.number(), out);
    }

    /** Paragraphs that read as titles: one line of at most 80 characters, capitalised, no closing punctuation. */
    private static List<int[]> titleLines(String text, int from, int to) {
        List<int[]> titles = new ArrayList<>();
        Matcher breaks = PARAGRAPH_BREAK.matcher(text).region(from, to);
        int start = from;
        while (true) {
            boolean found = breaks.find();
            int[] span = trim(text, start, found ? breaks.start() : to);
            if (span != null && isTitle(text.substring(span[0], span[1]))) {
                titles.add(span);
            }
            if (!found) {
                return titles;
            }
            start = breaks.end();
        }
    }

    private static boolean isTitle(String paragraph) {
        char last = paragraph.charAt(paragraph.length() - 1);
        return paragraph.length() <= MAX_TITLE_CHARS && paragraph.indexOf('\n') < 0
                && Character.isUpperCase(paragraph.charAt(0)) && (Character.isLetterOrDigit(last) || last == ')');
    }

    /** Heading lines as [start, end) pairs, skipping lines inside fenced code blocks. */
    private static List<int[]> markdownHeadings(String text, int from, int to) {
        List<int[]> fences = new ArrayList<>();
        Matcher fence = FENCE.matcher(text).region(from, to);
        int open = -1;
        while (fence.find()) {
            if (open < 0) {
                open = fence.start();
            } else {
                fences.add(new int[] {open, fence.end()});
                open = -1;
            }
        }
        if (open >= 0) {
            fences.add(new int[] {open, to});
        }
        List<int[]> headings = new ArrayList<>();
        Matcher heading = HEADING.matcher(text).region(from, to);
        while (heading.find()) {
            int at = heading.start();
            boolean inCode = fences.stream().anyMatch(f -> at >= f[0] && at < f[1]);
            if (!inCode) {
                headings.add(new int[] {heading.start(), heading.end()});
            }
        }
        return headings;
    }

    /**
     * One section: an optional heading line [headingStart, headingEnd) and its body [from, to). A heading with an
     * empty body gives no chunk: alone it answers nothing.
     */
    private void chunkSection(String text, int headingStart, int headingEnd, int from, int to, Integer page,
            List<Chunk> out) {
        List<int[]> units = units(text, from, to);
        if (units.isEmpty()) {
            return;
        }
        boolean hasHeading = headingStart >= 0;
        String prefix = hasHeading ? text.substring(headingStart, headingEnd) + "\n\n" : "";
        int chunkStart = hasHeading ? headingStart : units.get(0)[0];
        int chunkEnd = units.get(0)[1];
        boolean first = true;
        for (int i = 1; i < units.size(); i++) {
            int[] unit = units.get(i);
            int size = (first ? 0 : prefix.length()) + unit[1] - chunkStart;
            if (size <= maxChars) {
                chunkEnd = unit[1];
                continue;
            }
            out.add(chunk(text, page, chunkStart, chunkEnd, first ? "" : prefix));
            int overlap = lastSentenceStart(text, Math.max(chunkStart, hasHeading ? headingEnd : chunkStart),
                    chunkEnd);
            boolean overlapFits = overlap >= 0 && chunkEnd - overlap <= maxChars / 3
                    && prefix.length() + unit[1] - overlap <= maxChars + maxChars / 4;
            chunkStart = overlapFits ? overlap : unit[0];
            chunkEnd = unit[1];
            first = false;
        }
        out.add(chunk(text, page, chunkStart, chunkEnd, first ? "" : prefix));
    }

    private static Chunk chunk(String text, Integer page, int start, int end, String prefix) {
        return new Chunk(page, start, end, prefix + text.substring(start, end));
    }

    /** Paragraphs of [from, to) as trimmed spans; one longer than a passage is cut into sentences or pieces. */
    private List<int[]> units(String text, int from, int to) {
        List<int[]> units = new ArrayList<>();
        Matcher breaks = PARAGRAPH_BREAK.matcher(text).region(from, to);
        int start = from;
        while (true) {
            boolean found = breaks.find();
            int end = found ? breaks.start() : to;
            int[] span = trim(text, start, end);
            if (span != null) {
                if (span[1] - span[0] <= maxChars) {
                    units.add(span);
                } else {
                    units.addAll(pieces(text, span[0], span[1]));
                }
            }
            if (!found) {
                return units;
            }
            start = breaks.end();
        }
    }

    /** Sentences of a long paragraph; a sentence still longer than a passage is cut at whitespace. */
    private List<int[]> pieces(String text, int from, int to) {
        List<int[]> pieces = new ArrayList<>();
        for (int[] sentence : sentences(text, from, to)) {
            int start = sentence[0];
            while (sentence[1] - start > maxChars) {
                int cut = text.lastIndexOf(' ', start + maxChars);
                cut = cut <= start ? start + maxChars : cut;
                pieces.add(trim(text, start, cut));
                start = skipSpace(text, cut, sentence[1]);
            }
            int[] rest = trim(text, start, sentence[1]);
            if (rest != null) {
                pieces.add(rest);
            }
        }
        return pieces;
    }

    /**
     * Sentence spans of [from, to): a sentence ends after ., ! or ? followed by whitespace, or before a line that
     * starts a list item.
     */
    static List<int[]> sentences(String text, int from, int to) {
        List<int[]> sentences = new ArrayList<>();
        int start = skipSpace(text, from, to);
        for (int i = start; i < to; i++) {
            char c = text.charAt(i);
            boolean endsSentence = (c == '.' || c == '!' || c == '?') && i + 1 < to
                    && Character.isWhitespace(text.charAt(i + 1));
            boolean beforeListItem = c == '\n' && startsListItem(text, i + 1, to);
            if (endsSentence || beforeListItem) {
                int end = endsSentence ? i + 1 : i;
                int[] span = trim(text, start, end);
                if (span != null) {
                    sentences.add(span);
                }
                start = skipSpace(text, end, to);
                i = Math.max(i, start - 1);
            }
        }
        int[] last = trim(text, start, to);
        if (last != null) {
            sentences.add(last);
        }
        return sentences;
    }

    /** Start of the last sentence of [from, to) when there is more than one sentence, else -1. */
    private static int lastSentenceStart(String text, int from, int to) {
        if (from >= to) {
            return -1;
        }
        List<int[]> sentences = sentences(text, from, to);
        return sentences.size() < 2 ? -1 : sentences.get(sentences.size() - 1)[0];
    }

    private static boolean startsListItem(String text, int at, int to) {
        int i = skipSpace(text, at, to);
        if (i >= to) {
            return false;
        }
        char c = text.charAt(i);
        if ((c == '-' || c == '*' || c == '+') && i + 1 < to && text.charAt(i + 1) == ' ') {
            return true;
        }
        int digits = i;
        while (digits < to && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        return digits > i && digits + 1 < to && (text.charAt(digits) == '.' || text.charAt(digits) == ')')
                && text.charAt(digits + 1) == ' ';
    }

    private static int skipSpace(String text, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int[] trim(String text, int from, int to) {
        int start = skipSpace(text, from, to);
        int end = to;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end > start ? new int[] {start, end} : null;
    }
}
