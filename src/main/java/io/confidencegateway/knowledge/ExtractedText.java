package io.confidencegateway.knowledge;

import java.util.List;

/**
 * The text of a document as passages are cut from it and as their character spans refer to it.
 *
 * @param text the whole extracted text (pages joined by a blank line)
 * @param pages where each page lies in {@code text}; one entry with a null number for unpaged documents
 * @param pageCount the number of pages of a paged document (PDF), else null
 */
record ExtractedText(String text, List<Page> pages, Integer pageCount) {

    /** One page: its 1-based number (null when the document has no pages) and its span [start, end). */
    record Page(Integer number, int start, int end) {
    }

    static ExtractedText unpaged(String text) {
        return new ExtractedText(text, List.of(new Page(null, 0, text.length())), null);
    }
}
