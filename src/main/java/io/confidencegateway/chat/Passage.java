package io.confidencegateway.chat;

/**
 * A knowledge-base passage an answer should rest on — the one shape it has from the moment retrieval picks it for
 * a question: in the prompt ({@link GroundingBlock}), for the extractive provider, in scoring, citations and the
 * review queue. {@code index} is the number an answer cites it by ({@code [1]} is index 1); {@code source} and
 * {@code page} say where it came from (page may be null).
 */
public record Passage(int index, String source, Integer page, String text) {

    public Passage {
        if (text == null) {
            throw new IllegalArgumentException("passage text is required");
        }
    }

    /** A passage known only by its text, cited as {@code [index]}. */
    public static Passage of(int index, String text) {
        return new Passage(index, "passage-" + index, null, text);
    }
}
