package io.confidencegateway.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

import io.confidencegateway.problem.ProblemException;

/** Reads the text of a PDF page by page (Apache PDFBox), keeping 1-based page numbers. */
final class PdfExtractor {

    private static final String PAGE_GAP = "\n\n";
    private static final Pattern LAYOUT_BREAK = Pattern.compile("(?<=\\S)\n(?![\\s\\-*•]|\\d+[.)]\\s)");

    private PdfExtractor() {
    }

    static ExtractedText extract(String fileName, byte[] bytes) {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            if (pdf.isEncrypted() && !pdf.getCurrentAccessPermission().canExtractContent()) {
                throw Rejections.badDocument("The PDF '" + fileName + "' is encrypted and forbids text extraction; "
                        + "upload a copy without encryption");
            }
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setParagraphEnd("\n");
            StringBuilder text = new StringBuilder();
            List<ExtractedText.Page> pages = new ArrayList<>();
            int count = pdf.getNumberOfPages();
            for (int number = 1; number <= count; number++) {
                stripper.setStartPage(number);
                stripper.setEndPage(number);
                String page = unwrap(TextExtractor.normalize(stripper.getText(pdf)));
                if (page.isEmpty()) {
                    continue;
                }
                if (text.length() > 0) {
                    text.append(PAGE_GAP);
                }
                int start = text.length();
                text.append(page);
                pages.add(new ExtractedText.Page(number, start, text.length()));
            }
            if (pages.isEmpty()) {
                throw Rejections.badDocument("The PDF '" + fileName + "' has no extractable text (" + count
                        + (count == 1 ? " page" : " pages") + "); it is probably scanned images. Run it through "
                        + "OCR first, or upload the text as .txt or .md");
            }
            return new ExtractedText(text.toString(), List.copyOf(pages), count);
        } catch (InvalidPasswordException encrypted) {
            throw Rejections.badDocument("The PDF '" + fileName + "' is encrypted with a password; upload a copy "
                    + "without a password");
        } catch (IOException | RuntimeException broken) {
            if (broken instanceof ProblemException rejected) {
                throw rejected;
            }
            throw Rejections.badDocument("The file '" + fileName + "' is not a valid PDF (" + brief(broken)
                    + "); upload the original file, or send its text as .txt or .md");
        }
    }

    /**
     * Joins the lines of each paragraph: a PDF breaks lines where the page ended, not where the sentence did, and
     * citations and embeddings read better without those breaks. Paragraph breaks and list items stay.
     */
    static String unwrap(String page) {
        return LAYOUT_BREAK.matcher(page).replaceAll(" ");
    }

    private static String brief(Exception failure) {
        String message = String.valueOf(failure.getMessage());
        return message.length() <= 160 ? message : message.substring(0, 160) + "…";
    }
}
