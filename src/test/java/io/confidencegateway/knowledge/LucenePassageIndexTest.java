package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change watermark a replica resumes from lives in the index's commits and survives a restart. */
class LucenePassageIndexTest {

    @TempDir
    Path directory;

    @Test
    void aNewIndexRecordsNoChangeWatermark() throws IOException {
        var index = new LucenePassageIndex(directory);
        try {
            assertThat(index.changeWatermark()).isEmpty();
        } finally {
            index.close();
        }
    }

    @Test
    void theRecordedWatermarkSurvivesReopeningAndLaterCommits() throws IOException {
        var index = new LucenePassageIndex(directory);
        index.recordChangeWatermark(7);
        index.close();

        var reopened = new LucenePassageIndex(directory);
        try {
            assertThat(reopened.changeWatermark()).hasValue(7);
            reopened.add(List.of(passage()));
            reopened.deleteDocument(UUID.randomUUID());
            assertThat(reopened.changeWatermark()).as("after other commits").hasValue(7);
        } finally {
            reopened.close();
        }
    }

    @Test
    void aRebuildRecordsItsWatermarkWithTheNewContents() throws IOException {
        var index = new LucenePassageIndex(directory);
        index.recordChangeWatermark(7);
        index.replaceAll(3, sink -> sink.accept(passage()));
        index.close();

        var reopened = new LucenePassageIndex(directory);
        try {
            assertThat(reopened.changeWatermark()).hasValue(3);
            assertThat(reopened.size()).isEqualTo(1);
        } finally {
            reopened.close();
        }
    }

    private static Passage passage() {
        float[] embedding = new float[384];
        embedding[0] = 1;
        return new Passage(UUID.randomUUID(), UUID.randomUUID(), "p", "refund-policy.md", 0, null, 0, 10,
                "Refunds within 30 days", embedding);
    }
}
