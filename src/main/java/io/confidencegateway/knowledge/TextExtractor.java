package io.confidencegateway.knowledge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Reads plain text and markdown uploads: UTF-8 (or UTF-16 with a byte-order mark), refusing binary content. */
final class TextExtractor {

    private TextExtractor() {
    }

    static ExtractedText extract(String fileName, byte[] bytes) {
        String text = normalize(decode(fileName, bytes));
        long control = text.chars().filter(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\f').count();
        if (text.indexOf('\0') >= 0 || control > Math.max(2, text.length() / 100)) {
            throw Rejections.badDocument("The file '" + fileName + "' is declared as text but holds binary data; "
                    + Rejections.ACCEPTED);
        }
        if (text.isBlank()) {
            throw Rejections.badDocument("The file '" + fileName + "' holds only whitespace; upload a document "
                    + "with text in it");
        }
        return ExtractedText.unpaged(text);
    }

    /**
     * Unix line ends, no trailing spaces, at most one blank line in a row, trimmed: so that character spans mean
     * the same thing however the file was saved.
     */
    static String normalize(String raw) {
        String text = raw.replace("\r\n", "\n").replace('\r', '\n');
        text = text.replaceAll("[ \\t\\u00A0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
        return text.strip();
    }

    private static String decode(String fileName, byte[] bytes) {
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            skip = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, skip, bytes.length - skip)).toString();
        } catch (CharacterCodingException notText) {
            throw Rejections.badDocument("The file '" + fileName + "' is declared as text but is not valid UTF-8 "
                    + "(binary data, or another encoding); save it as UTF-8 text, or " + Rejections.ACCEPTED);
        }
    }
}
