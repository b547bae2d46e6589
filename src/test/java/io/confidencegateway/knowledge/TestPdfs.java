package io.confidencegateway.knowledge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * Writes small PDFs with PDFBox for tests and for the demo knowledge base. A page is a list of blocks; a block
 * starting with "# " is a heading, anything else a paragraph, wrapped to the page width.
 */
public final class TestPdfs {

    private static final float MARGIN = 72;
    private static final float SIZE = 11;
    private static final float HEADING_SIZE = 14;
    private static final float LEADING = 15;

    private TestPdfs() {
    }

    public static byte[] pages(List<List<String>> pages) {
        try (PDDocument pdf = new PDDocument()) {
            PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            for (List<String> blocks : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                pdf.addPage(page);
                float width = page.getMediaBox().getWidth() - 2 * MARGIN;
                try (PDPageContentStream out = new PDPageContentStream(pdf, page)) {
                    float y = page.getMediaBox().getHeight() - MARGIN;
                    for (String block : blocks) {
                        boolean heading = block.startsWith("# ");
                        PDType1Font font = heading ? bold : regular;
                        float size = heading ? HEADING_SIZE : SIZE;
                        String text = heading ? block.substring(2) : block;
                        for (String line : wrap(text, font, size, width)) {
                            out.beginText();
                            out.setFont(font, size);
                            out.newLineAtOffset(MARGIN, y);
                            out.showText(line);
                            out.endText();
                            y -= LEADING;
                        }
                        y -= LEADING;
                    }
                }
            }
            return save(pdf);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** A copy of the PDF that opens only with the password. */
    public static byte[] encrypted(byte[] plain, String password) {
        try (PDDocument pdf = Loader.loadPDF(plain)) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-" + password, password,
                    new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            return save(pdf);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** A PDF whose pages hold no text at all, as a scan without OCR looks to a text extractor. */
    public static byte[] blankPages(int count) {
        try (PDDocument pdf = new PDDocument()) {
            for (int i = 0; i < count; i++) {
                pdf.addPage(new PDPage(PDRectangle.LETTER));
            }
            return save(pdf);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    private static byte[] save(PDDocument pdf) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        pdf.save(bytes);
        return bytes.toByteArray();
    }

    private static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > width && line.length() > 0) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
