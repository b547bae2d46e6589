package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ChangeCursorTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void numbersInARowMoveTheWatermarkToTheLastOne() {
        var cursor = new ChangeCursor(10, WAIT);

        List<Long> fresh = cursor.fresh(List.of(11L, 12L, 13L));
        fresh.forEach(cursor::applied);
        cursor.advance(T0);

        assertThat(fresh).containsExactly(11L, 12L, 13L);
        assertThat(cursor.watermark()).isEqualTo(13);
    }

    @Test
    void numbersAtOrBelowTheWatermarkAreNotFresh() {
        var cursor = new ChangeCursor(10, WAIT);

        assertThat(cursor.fresh(List.of(9L, 10L, 11L))).containsExactly(11L);
    }

    @Test
    void aHoleHoldsTheWatermarkAndTheRowsAboveItAreNotAppliedTwice() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(12);
        cursor.advance(T0);

        assertThat(cursor.watermark()).isEqualTo(10);
        assertThat(cursor.fresh(List.of(12L, 13L))).as("12 re-read above the hole").containsExactly(13L);
    }

    @Test
    void aHoleThatFillsInBeforeTheWaitIsAppliedAndTheWatermarkPassesBoth() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(12);
        cursor.advance(T0);

        List<Long> late = cursor.fresh(List.of(11L, 12L));
        late.forEach(cursor::applied);
        cursor.advance(T0.plusSeconds(5));

        assertThat(late).containsExactly(11L);
        assertThat(cursor.watermark()).isEqualTo(12);
    }

    @Test
    void aHoleIsWaitedForUntilJustBeforeTheWaitEnds() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(12);
        cursor.advance(T0);

        cursor.advance(T0.plus(WAIT).minusMillis(1));

        assertThat(cursor.watermark()).isEqualTo(10);
    }

    @Test
    void aHoleIsSkippedOnceTheWaitHasPassedSinceItWasFirstSeen() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(12);
        cursor.advance(T0);

        cursor.advance(T0.plus(WAIT));

        assertThat(cursor.watermark()).isEqualTo(12);
        assertThat(cursor.fresh(List.of(11L))).as("a rolled-back number seen late is behind us").isEmpty();
    }

    @Test
    void aSecondHoleIsWaitedForAfterTheFirstIsSkipped() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(12);
        cursor.applied(15);
        cursor.advance(T0);

        cursor.advance(T0.plus(WAIT));
        assertThat(cursor.watermark()).isEqualTo(12);

        cursor.advance(T0.plus(WAIT).plus(WAIT).minusMillis(1));
        assertThat(cursor.watermark()).isEqualTo(12);
        cursor.advance(T0.plus(WAIT).plus(WAIT));
        assertThat(cursor.watermark()).isEqualTo(15);
    }

    @Test
    void anAppliedNumberAtOrBelowTheWatermarkChangesNothing() {
        var cursor = new ChangeCursor(10, WAIT);
        cursor.applied(10);
        cursor.applied(7);
        cursor.advance(T0);

        assertThat(cursor.watermark()).isEqualTo(10);
        assertThat(cursor.fresh(List.of(11L))).containsExactly(11L);
    }

    @Test
    void withNoWaitAHoleIsSkippedAtOnce() {
        var cursor = new ChangeCursor(0, Duration.ZERO);
        cursor.applied(3);
        cursor.advance(T0);

        assertThat(cursor.watermark()).isEqualTo(3);
    }

    @Test
    void aNegativeWaitIsRefused() {
        assertThatThrownBy(() -> new ChangeCursor(0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gapWait must not be negative");
    }
}
