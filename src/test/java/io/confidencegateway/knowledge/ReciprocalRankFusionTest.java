package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

    @Test
    void anItemFoundByBothRankingsBeatsOneFoundByOneOnly() {
        List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(List.of(
                List.of("a", "b", "c"),
                List.of("c", "d")), 60);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::id).containsExactly("c", "a", "b", "d");
        assertThat(fused.get(0).score()).isEqualTo(1.0 / 63 + 1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void equalScoresKeepTheOrderTheyWereFirstSeenIn() {
        List<ReciprocalRankFusion.Fused> fused = ReciprocalRankFusion.fuse(List.of(List.of("x"), List.of("y")), 60);

        assertThat(fused).extracting(ReciprocalRankFusion.Fused::id).containsExactly("x", "y");
    }
}
