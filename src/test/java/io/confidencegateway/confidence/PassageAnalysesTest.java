package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PassageAnalysesTest {

    @Test
    void aKnowledgeBasePassageIsAnalysedOnceAndReused() {
        String passage = "Refunds can be requested within 30 days of purchase. Annual plans are refunded in full.";

        assertThat(PassageAnalyses.of(passage)).isSameAs(PassageAnalyses.of(passage));
    }

    @Test
    void aLongScoredPassageIsNotKeptSoABatchCannotFillTheHeap() {
        String longPassage = "The refund window is 30 days for every plan we sell. ".repeat(100);

        var first = PassageAnalyses.of(longPassage);
        var second = PassageAnalyses.of(longPassage);

        assertThat(longPassage.length()).isGreaterThan(PassageAnalyses.MAX_CHARS);
        assertThat(second).isNotSameAs(first).isEqualTo(first);
    }
}
