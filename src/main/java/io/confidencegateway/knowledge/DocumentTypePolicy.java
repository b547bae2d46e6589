package io.confidencegateway.knowledge;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decides what kind of document an upload is from its bytes, its file name and its declared content type, and
 * refuses what the knowledge base cannot read. The bytes win over the name: a PDF is a PDF whatever it is called,
 * and a PNG named {@code notes.txt} is still a PNG.
 */
final class DocumentTypePolicy {

    private DocumentTypePolicy() {
    }

    /**
     * The format of the upload.
     *
     * @throws io.confidencegateway.problem.ProblemException 400 for an empty file or a non-PDF named as a PDF, 415 for
     *         any other kind of file
     */
    static DocumentFormat detect(String fileName, String declaredType, byte[] bytes) {
        if (bytes.length == 0) {
            throw Rejections.badDocument("The file '" + fileName + "' is empty; upload a document with text in it");
        }
        if (isPdf(bytes)) {
            return DocumentFormat.PDF;
        }
        String binary = binaryKind(bytes);
        if (binary != null) {
            throw Rejections.unsupported("The file '" + fileName + "' is " + binary);
        }
        String extension = extensionOf(fileName);
        String type = baseType(declaredType);
        if (extension.equals("pdf") || type.equals("application/pdf")) {
            throw Rejections.badDocument("The file '" + fileName + "' is named or typed as a PDF but is not one: a "
                    + "PDF starts with %PDF-. Upload the original PDF, or send the text as .txt or .md");
        }
        if (extension.equals("md") || extension.equals("markdown") || type.equals("text/markdown")
                || type.equals("text/x-markdown")) {
            return DocumentFormat.MARKDOWN;
        }
        if (extension.equals("txt") || extension.equals("text") || type.equals("text/plain")) {
            return DocumentFormat.TEXT;
        }
        boolean undeclared = type.isEmpty() || type.equals("application/octet-stream");
        if (!extension.isEmpty() && !undeclared) {
            throw Rejections.unsupported("The file '" + fileName + "' (" + type + ") is not a supported kind");
        }
        if (!extension.isEmpty()) {
            throw Rejections.unsupported("Files ending in ." + extension + " are not supported");
        }
        if (!undeclared) {
            throw Rejections.unsupported("The content type " + type + " is not supported");
        }
        return DocumentFormat.TEXT;
    }

    static boolean isPdf(byte[] bytes) {
        // PDF readers accept a header anywhere in the first 1024 bytes; so does PDFBox.
        int window = Math.min(bytes.length, 1024);
        String head = new String(bytes, 0, window, StandardCharsets.ISO_8859_1);
        return head.contains("%PDF-");
    }

    private static String binaryKind(byte[] b) {
        if (startsWith(b, 0x89, 'P', 'N', 'G')) {
            return "a PNG image";
        }
        if (startsWith(b, 0xFF, 0xD8, 0xFF)) {
            return "a JPEG image";
        }
        if (startsWith(b, 'G', 'I', 'F', '8')) {
            return "a GIF image";
        }
        if (startsWith(b, 'P', 'K', 0x03, 0x04) || startsWith(b, 'P', 'K', 0x05, 0x06)) {
            return "a zip archive (or an Office document, which is one)";
        }
        if (startsWith(b, 0x1F, 0x8B)) {
            return "a gzip archive";
        }
        if (startsWith(b, 0xD0, 0xCF, 0x11, 0xE0)) {
            return "a legacy Office document";
        }
        if (startsWith(b, 0x7F, 'E', 'L', 'F')) {
            return "an executable";
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, int... magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((bytes[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String extensionOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String baseType(String declared) {
        if (declared == null) {
            return "";
        }
        int semicolon = declared.indexOf(';');
        String base = semicolon < 0 ? declared : declared.substring(0, semicolon);
        return base.trim().toLowerCase(Locale.ROOT);
    }
}
