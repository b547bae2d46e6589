package io.confidencegateway.confidence.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.confidencegateway.confidence.eval.EvalRow;

class SpanFeatureDumpTest {

    private static final String PASSAGE = "The museum opens at nine in the morning and closes at five.";
    private static final String ANSWER = "The museum opens at nine and serves free coffee.";

    @Test
    void onlyTheWordsInsideAHallucinatedSpanAreLabelledAndTheirNoveltyIsVisible() {
        int start = ANSWER.indexOf("serves");
        int end = ANSWER.indexOf('.');
        EvalRow row = new EvalRow(PASSAGE, "When does the museum open?", ANSWER, 1, Map.of());

        List<SpanFeatureDump.Word> words = SpanFeatureDump.words(row, List.<int[]>of(new int[] {start, end}),
                new ConcurrentHashMap<>());

        assertThat(words).extracting(SpanFeatureDump.Word::text)
                .containsExactly("The", "museum", "opens", "at", "nine", "and", "serves", "free", "coffee");
        assertThat(words).filteredOn(w -> w.label() == 1).extracting(SpanFeatureDump.Word::text)
                .containsExactly("serves", "free", "coffee");
        SpanFeatureDump.Word museum = words.get(1);
        SpanFeatureDump.Word coffee = words.get(8);
        assertThat(museum.inPassage()).isTrue();
        assertThat(museum.inQuestion()).isTrue();
        assertThat(coffee.inPassage()).isFalse();
        assertThat(coffee.content()).isTrue();
        assertThat(coffee.best()).isLessThan(museum.best());
        assertThat(museum.vector()).hasSize(TokenEmbedder.DIMENSIONS);
    }
}
