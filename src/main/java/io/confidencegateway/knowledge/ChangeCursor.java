package io.confidencegateway.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * Where a replica stands in the {@code document_change} feed. The feed's numbers come from a database sequence,
 * which hands them out when a transaction inserts, not when it commits: number 11 can become visible while 10 is
 * still uncommitted, and a rolled-back 10 never appears at all. So the cursor is a watermark (every number up to it
 * is handled) plus the numbers above it already applied; a hole below an applied number is waited for until
 * {@code gapWait} has passed since it was first seen, then skipped. Reading "after the watermark" therefore re-reads
 * the applied rows above a hole for a while, and {@link #fresh(List)} filters them out. Pure: no clock, no I/O.
 */
final class ChangeCursor {

    private final Duration gapWait;
    private long watermark;
    private final TreeSet<Long> applied = new TreeSet<>();
    /** Since when the lowest hole (just above the watermark) has been seen, or null when there is none. */
    private Instant holeSince;

    ChangeCursor(long watermark, Duration gapWait) {
        if (gapWait.isNegative()) {
            throw new IllegalArgumentException("gapWait must not be negative: " + gapWait);
        }
        this.watermark = watermark;
        this.gapWait = gapWait;
    }

    /** Every number up to this one is handled; the next read asks for rows after it. */
    long watermark() {
        return watermark;
    }

    /** The numbers read that still need applying (above the watermark, not applied yet), in the order given. */
    List<Long> fresh(List<Long> read) {
        return read.stream().filter(seq -> seq > watermark && !applied.contains(seq)).toList();
    }

    /** Records that the change with this number was applied (or deliberately passed over). */
    void applied(long seq) {
        if (seq > watermark) {
            applied.add(seq);
        }
    }

    /**
     * Moves the watermark over every applied number that follows it without a hole, and over a hole that has been
     * open for at least the gap wait (its transaction rolled back, or will never be seen in time).
     */
    void advance(Instant now) {
        while (!applied.isEmpty()) {
            long lowest = applied.first();
            if (lowest == watermark + 1) {
                applied.pollFirst();
                watermark = lowest;
                holeSince = null;
                continue;
            }
            if (holeSince == null) {
                holeSince = now;
            }
            if (Duration.between(holeSince, now).compareTo(gapWait) < 0) {
                return;
            }
            watermark = lowest - 1;
            holeSince = null;
        }
    }
}
