package io.confidencegateway.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How numbered knowledge-base passages travel inside a prompt: one {@code <passage>} element per passage, so that
 * a model can cite them as [n] and a model-free provider can read them back. Passage text never closes its own
 * element (a literal closing tag in the text is defused).
 */
public final class GroundingBlock {

    private static final Pattern ELEMENT = Pattern.compile(
            "<passage id=\"(\\d+)\" source=\"([^\"]*)\"(?: page=\"(\\d+)\")?>\\n(.*?)\\n</passage>", Pattern.DOTALL);

    private static final Pattern ELEMENT_LINE = Pattern.compile(ELEMENT.pattern() + "\\n?", Pattern.DOTALL);

    private GroundingBlock() {
    }

    /** The passages as prompt text. */
    public static String render(List<Passage> passages) {
        var block = new StringBuilder(256 * passages.size());
        for (Passage passage : passages) {
            block.append("<passage id=\"").append(passage.index()).append("\" source=\"")
                    .append(attribute(passage.source())).append('"');
            if (passage.page() != null) {
                block.append(" page=\"").append(passage.page()).append('"');
            }
            block.append(">\n").append(passage.text().replace("</passage>", "</ passage>")).append("\n</passage>\n");
        }
        return block.toString();
    }

    /** The passages found in a prompt text, in order. */
    public static List<Passage> parse(String text) {
        var passages = new ArrayList<Passage>();
        Matcher matcher = ELEMENT.matcher(text);
        while (matcher.find()) {
            passages.add(new Passage(Integer.parseInt(matcher.group(1)), matcher.group(2),
                    matcher.group(3) == null ? null : Integer.valueOf(matcher.group(3)), matcher.group(4)));
        }
        return passages;
    }

    /** The text with every passage element removed. */
    public static String strip(String text) {
        return ELEMENT_LINE.matcher(text).replaceAll("").strip();
    }

    private static String attribute(String value) {
        return value == null ? "" : value.replace("\"", "'").replace("\n", " ");
    }
}
