package io.confidencegateway.review;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The review queue's time source: claims expire by it. Tests replace it to move time without waiting. */
@ApplicationScoped
public class ReviewClock {

    /** The current instant. */
    public Instant now() {
        return Instant.now();
    }
}
