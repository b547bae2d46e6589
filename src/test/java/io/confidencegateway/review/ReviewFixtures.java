package io.confidencegateway.review;

import io.confidencegateway.confidence.ConfidenceScore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.store.Ids;

/** Items to queue and a bounded wait for what happens asynchronously. */
final class ReviewFixtures {

    static final Duration WAIT = Duration.ofSeconds(20);

    private ReviewFixtures() {
    }

    /** A product id no earlier run used, so that the file database's leftovers never match a filter. */
    static String freshProduct(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static NewItem item(String product, String kind) {
        return new NewItem(Ids.next(), product, kind,
                NewItem.HANDOFF.equals(kind) ? "low_confidence" : "review_required",
                "How long do I have to return my order? Contact [EMAIL].",
                NewItem.HANDOFF.equals(kind) ? null : "You can return it within 30 days [1].",
                List.of(new Passage(1, "refund_policy_v3.pdf", 2, "Returns are accepted within 30 days.")),
                List.of(new ConfidenceScore.SignalScore("grounding", 0.8, 0.4, 0.12, "4 of 5 sentences supported")), 0.42);
    }

    /** Polls until the value satisfies the condition or the wait is over; returns the last value read. */
    static <T> T eventually(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        return io.confidencegateway.testing.Eventually.read(read, done, WAIT);
    }

    /** The review clock moved forward, so that claims expire without waiting (vetoed: not a second bean). */
    @jakarta.enterprise.inject.Vetoed
    static final class ShiftedClock extends ReviewClock {
        private final Duration shift;

        ShiftedClock(Duration shift) {
            this.shift = shift;
        }

        @Override
        public Instant now() {
            return Instant.now().plus(shift);
        }
    }
}
