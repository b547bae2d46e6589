package io.confidencegateway.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The search index's directory lost, as a disk failure or an operator would lose it. */
final class IndexFiles {

    private IndexFiles() {
    }

    /** Closes the index and deletes its files; the next use opens it again, empty. */
    static void delete(LucenePassageIndex index) throws IOException {
        index.close();
        if (Files.exists(index.path())) {
            try (Stream<Path> files = Files.walk(index.path())) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
