package io.confidencegateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PromptSplitPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final PromptLabel PRODUCTION = new PromptLabel("production", 3, 0, NOW);

    @ParameterizedTest(name = "bucket {0} → version {1}")
    @CsvSource({"0, 4", "9, 4", "10, 5", "29, 5", "30, 3", "99, 3"})
    void weightedLabelsTakeTheirShareOfBucketsInLabelOrderAndProductionTheRest(int bucket, int version) {
        // Listed out of order on purpose: the split is by label name, so every replica cuts the same way.
        var labels = List.of(new PromptLabel("beta", 5, 20, NOW), PRODUCTION, new PromptLabel("alpha", 4, 10, NOW));

        assertThat(PromptSplitPolicy.choose(labels, bucket).version()).isEqualTo(version);
    }

    @Test
    void aLabelWithWeightZeroServesNoOne() {
        var labels = List.of(PRODUCTION, new PromptLabel("staging", 9, 0, NOW));

        assertThat(IntStream.range(0, 100).map(b -> PromptSplitPolicy.choose(labels, b).version()).distinct())
                .containsExactly(3);
    }

    @Test
    void withoutAStoredProductionLabelEveryoneGetsTheShippedPrompt() {
        assertThat(PromptSplitPolicy.choose(List.of(), 0).version()).isEqualTo(1);
        assertThat(PromptSplitPolicy.choose(List.of(new PromptLabel("canary", 2, 50, NOW)), 50).label())
                .isEqualTo("production");
        assertThat(PromptSplitPolicy.choose(List.of(new PromptLabel("canary", 2, 50, NOW)), 49).version())
                .isEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({"-1", "100"})
    void aBucketOutsideZeroToNinetyNineIsRefused(int bucket) {
        assertThatThrownBy(() -> PromptSplitPolicy.choose(List.of(PRODUCTION), bucket))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0-99");
    }

    @Test
    void theBucketOfAKeyIsStableAndSpreadsEvenly() {
        assertThat(PromptSplitPolicy.bucket("support-copilot", "c:thread-1"))
                .isEqualTo(PromptSplitPolicy.bucket("support-copilot", "c:thread-1"));
        long belowHalf = IntStream.range(0, 2000).map(i -> PromptSplitPolicy.bucket("p", "c:" + i))
                .peek(b -> assertThat(b).isBetween(0, 99)).filter(b -> b < 50).count();
        assertThat(belowHalf).isBetween(900L, 1100L);
        // The product is part of the key: one conversation id is not on the same side in every product.
        assertThat(IntStream.range(0, 50).map(i -> PromptSplitPolicy.bucket("product-" + i, "c:same")).distinct()
                .count()).isGreaterThan(20);
    }

    @Test
    void theConversationWinsOverTheUserAndBlankIdsCountAsNone() {
        assertThat(PromptSplitPolicy.stickyKey("t-1", "u-1")).isEqualTo("c:t-1");
        assertThat(PromptSplitPolicy.stickyKey(" ", "u-1")).isEqualTo("u:u-1");
        assertThat(PromptSplitPolicy.stickyKey(null, "u-1")).isEqualTo("u:u-1");
        assertThat(PromptSplitPolicy.stickyKey(null, " ")).isNull();
        assertThat(PromptSplitPolicy.stickyKey(null, null)).isNull();
    }
}
