package io.confidencegateway.review;

/**
 * When the review-queue gauges read the queue again after a change. Reading counts every pending item (the
 * counts by kind need each item's row), so its cost grows with the backlog: at 10,000 pending items one read took
 * about half a second of CPU, and reading one second after every change spent half a core on the gauges while
 * answers were queued (#7). The wait after a change therefore grows with what the last read cost, so that reads
 * take at most {@code 1 / SPACING} of the time; a small queue is still read one second after a change, and no wait
 * is longer than the periodic refresh, which bounds how stale the gauges get.
 */
final class GaugeReadPolicy {

    /** The shortest wait after a change: changes in between are coalesced into one read. */
    static final long AFTER_CHANGE_MILLIS = 1_000;
    /** Reads may take at most this share of the time: the wait is this many times the last read's duration. */
    static final int SPACING = 50;

    private GaugeReadPolicy() {
    }

    /**
     * How long to wait after a change before reading the queue, given how long the last read took and the periodic
     * refresh interval (both in milliseconds).
     */
    static long waitAfterChange(long lastReadMillis, long periodMillis) {
        if (lastReadMillis >= periodMillis / SPACING) {
            return Math.max(AFTER_CHANGE_MILLIS, periodMillis);
        }
        return Math.max(AFTER_CHANGE_MILLIS, lastReadMillis * SPACING);
    }
}
