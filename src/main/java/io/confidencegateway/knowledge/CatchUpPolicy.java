package io.confidencegateway.knowledge;

import java.util.OptionalLong;

/**
 * Where a replica's index sync resumes at start-up, and whether its search index must first be rebuilt from the
 * stored rows. The index lives on disk and survives a restart, so it carries the feed number up to which it reflects
 * every change (its watermark); the replica resumes from there, stepping back over the rows that may still have been
 * committing when they were numbered (re-applying a row is harmless), and rebuilds when that is not enough to catch
 * up: the index records no watermark (new, unreadable, or written by a version without one), the rows after it were
 * purged from the feed (down for longer than the retention), or it is ahead of the feed (built against another
 * database). Pure: no clock, no I/O.
 */
final class CatchUpPolicy {

    /**
     * The feed as seen at start-up; each number 0 when there is no such row.
     *
     * @param oldest the lowest number still in the feed
     * @param newest the highest number in the feed (the purge always keeps that row)
     * @param settled the highest number written longer ago than the cursor's gap wait: the rows after it may have
     *     been committing, unseen, when this replica last read the feed
     */
    record Feed(long oldest, long newest, long settled) {
    }

    /** Where the cursor starts, whether the index is rebuilt first, and why, in words for the log. */
    record Start(long cursor, boolean rebuild, String reason) {
    }

    private CatchUpPolicy() {
    }

    static Start atStart(OptionalLong indexed, Feed feed) {
        if (indexed.isEmpty()) {
            return new Start(feed.settled(), true, "the search index records no change watermark");
        }
        long watermark = indexed.getAsLong();
        if (watermark > feed.newest()) {
            return new Start(feed.settled(), true, "the search index has applied change " + watermark
                    + " but the feed ends at " + feed.newest() + ": it was built against another database");
        }
        if (feed.oldest() > watermark + 1) {
            return new Start(feed.settled(), true, "the search index has applied changes up to " + watermark
                    + " but the feed starts at " + feed.oldest() + ": the changes in between were purged");
        }
        return new Start(Math.min(watermark, feed.settled()), false,
                "the search index has applied changes up to " + watermark);
    }
}
