package io.confidencegateway.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document as uploaded, before it is read: its file name (the source name citations show), the content type
 * its sender declared, its size, and a way to read its bytes (on a worker thread).
 */
public record Upload(String fileName, String declaredType, long size, Content content) {

    /** Reads the bytes; blocking. */
    @FunctionalInterface
    public interface Content {
        byte[] read() throws IOException;
    }

    /** An upload held in memory. */
    public static Upload of(String fileName, String declaredType, byte[] bytes) {
        return new Upload(fileName, declaredType, bytes.length, () -> bytes);
    }

    /** An upload spooled to a file. */
    public static Upload ofFile(String fileName, String declaredType, long size, Path file) {
        return new Upload(fileName, declaredType, size, () -> Files.readAllBytes(file));
    }

    byte[] bytes() {
        try {
            return content.read();
        } catch (IOException failure) {
            throw new UncheckedIOException("reading the uploaded file failed", failure);
        }
    }
}
