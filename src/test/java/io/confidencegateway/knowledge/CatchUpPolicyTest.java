package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class CatchUpPolicyTest {

    @Test
    void anIndexWithoutAWatermarkIsRebuiltAndTheCursorStartsBeforeTheRowsThatMayStillBeCommitting() {
        var start = CatchUpPolicy.atStart(OptionalLong.empty(), new CatchUpPolicy.Feed(1, 50, 45));

        assertThat(start.rebuild()).isTrue();
        assertThat(start.cursor()).isEqualTo(45);
        assertThat(start.reason()).contains("no change watermark");
    }

    @Test
    void aFeedThatStillHoldsTheRowJustAfterTheWatermarkResumesWithoutARebuild() {
        var start = CatchUpPolicy.atStart(OptionalLong.of(20), new CatchUpPolicy.Feed(21, 50, 45));

        assertThat(start.rebuild()).isFalse();
        assertThat(start.cursor()).as("the rows changed while down are read").isEqualTo(20);
    }

    @Test
    void aFeedPurgedOneRowPastTheWatermarkRebuilds() {
        var start = CatchUpPolicy.atStart(OptionalLong.of(20), new CatchUpPolicy.Feed(22, 50, 45));

        assertThat(start.rebuild()).isTrue();
        assertThat(start.cursor()).isEqualTo(45);
        assertThat(start.reason()).contains("up to 20").contains("starts at 22").contains("purged");
    }

    @Test
    void aWatermarkInsideTheRecentRowsResumesAtTheSettledRowsSoThatLateCommitsAreApplied() {
        var start = CatchUpPolicy.atStart(OptionalLong.of(48), new CatchUpPolicy.Feed(1, 50, 45));

        assertThat(start.rebuild()).isFalse();
        assertThat(start.cursor()).isEqualTo(45);
    }

    @Test
    void aWatermarkAtTheNewestRowResumesAndOnePastItRebuilds() {
        var atNewest = CatchUpPolicy.atStart(OptionalLong.of(50), new CatchUpPolicy.Feed(50, 50, 50));
        var pastNewest = CatchUpPolicy.atStart(OptionalLong.of(51), new CatchUpPolicy.Feed(50, 50, 50));

        assertThat(atNewest.rebuild()).isFalse();
        assertThat(atNewest.cursor()).isEqualTo(50);
        assertThat(pastNewest.rebuild()).isTrue();
        assertThat(pastNewest.reason()).contains("another database");
    }

    @Test
    void anEmptyFeedResumesAnIndexThatHasAppliedNothingAndRebuildsOneThatHas() {
        var fresh = CatchUpPolicy.atStart(OptionalLong.of(0), new CatchUpPolicy.Feed(0, 0, 0));
        var emptied = CatchUpPolicy.atStart(OptionalLong.of(7), new CatchUpPolicy.Feed(0, 0, 0));

        assertThat(fresh.rebuild()).isFalse();
        assertThat(fresh.cursor()).isZero();
        assertThat(emptied.rebuild()).isTrue();
    }
}
