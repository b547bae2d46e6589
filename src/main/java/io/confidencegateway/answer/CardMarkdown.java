package io.confidencegateway.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.CustomNode;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * Answer and passage text (markdown from a model or a document) as HTML that is safe to embed: CommonMark's
 * inline and block syntax rendered, every raw HTML tag escaped, link URLs limited to http, https and mailto,
 * images shown as their alt text (no request leaves the card), and each citation marker {@code [n]} made a
 * superscript link to the listed passage, or marked as pointing at no passage.
 */
public final class CardMarkdown {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            // The default sanitizer also lets data: through (a link to a data:text/html page is script the card
            // would host); a URL without a scheme (relative, #fragment) is kept as it is.
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .softbreak(" ")
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    attributes.put("rel", "noopener noreferrer nofollow");
                    attributes.put("target", "_blank");
                }
            })
            .nodeRendererFactory(MarkerRenderer::new)
            .nodeRendererFactory(AltTextImageRenderer::new)
            .build();

    private CardMarkdown() {
    }

    /**
     * The answer's text as HTML; a marker whose index is in {@code cited} links to the element with id
     * {@code source-<n>}, any other marker is shown as a marker that points at no passage.
     */
    public static String answer(String markdown, Set<Integer> cited) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        // Markers are escaped before parsing, so that "[1]" never becomes a link through a reference definition
        // ("[1]: https://…") smuggled into the text; they come back as Text nodes and are swapped for markers.
        Node document = PARSER.parse(MARKER.matcher(markdown).replaceAll("\\\\[$1\\\\]"));
        var texts = new ArrayList<Text>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Text text) {
                texts.add(text);
            }
        });
        texts.forEach(text -> splitMarkers(text, cited));
        return RENDERER.render(document).strip();
    }

    /** A passage's text as HTML, its own bracketed numbers left as text. */
    public static String passage(String markdown) {
        return markdown == null || markdown.isBlank() ? "" : RENDERER.render(PARSER.parse(markdown)).strip();
    }

    private static void splitMarkers(Text text, Set<Integer> cited) {
        String literal = text.getLiteral();
        Matcher matcher = MARKER.matcher(literal);
        if (!matcher.find()) {
            return;
        }
        int from = 0;
        Node last = text;
        do {
            if (matcher.start() > from) {
                last = after(last, new Text(literal.substring(from, matcher.start())));
            }
            int index = Integer.parseInt(matcher.group(1));
            last = after(last, new Marker(index, cited.contains(index)));
            from = matcher.end();
        } while (matcher.find());
        if (from < literal.length()) {
            after(last, new Text(literal.substring(from)));
        }
        text.unlink();
    }

    private static Node after(Node anchor, Node node) {
        anchor.insertAfter(node);
        return node;
    }

    /** A citation marker in the text. */
    static final class Marker extends CustomNode {
        final int index;
        final boolean known;

        Marker(int index, boolean known) {
            this.index = index;
            this.known = known;
        }
    }

    private static final class MarkerRenderer implements NodeRenderer {
        private final HtmlWriter html;

        MarkerRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Marker.class);
        }

        @Override
        public void render(Node node) {
            Marker marker = (Marker) node;
            String label = "[" + marker.index + "]";
            Map<String, String> sup = new LinkedHashMap<>();
            sup.put("class", marker.known ? "cite" : "cite cite-missing");
            html.tag("sup", sup);
            if (marker.known) {
                Map<String, String> link = new LinkedHashMap<>();
                link.put("href", "#source-" + marker.index);
                link.put("data-testid", "citation");
                link.put("data-index", Integer.toString(marker.index));
                link.put("aria-label", "source " + marker.index);
                html.tag("a", link);
                html.text(label);
                html.tag("/a");
            } else {
                Map<String, String> missing = new LinkedHashMap<>();
                missing.put("title", "No passage " + label + " is listed with this answer");
                html.tag("span", missing);
                html.text(label);
                html.tag("/span");
            }
            html.tag("/sup");
        }
    }

    private static final class AltTextImageRenderer implements NodeRenderer {
        private final HtmlWriter html;

        AltTextImageRenderer(HtmlNodeRendererContext context) {
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class);
        }

        @Override
        public void render(Node node) {
            var alt = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    alt.append(text.getLiteral());
                }
            });
            html.text(alt.isEmpty() ? "(image)" : alt.toString());
        }
    }
}
