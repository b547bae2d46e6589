package io.confidencegateway.review;

import io.smallrye.mutiny.Uni;

/**
 * A feature that must store what a resolution means to it before the resolve call answers (feedback counts the
 * reviewer's verdict). The queue calls every recorder found by CDI exactly once per resolution, after the
 * resolution commits and without blocking; a recorder's failure is logged and neither fails nor undoes the
 * resolution, so a recorder that must not miss one derives what it missed from the stored resolutions later (feedback's
 * verdict sweep does). Features that only need to hear about it later observe {@link ReviewResolved} instead.
 */
public interface ResolutionRecorder {

    /** Stores what the resolution means to this feature; completes once that is committed. */
    Uni<Void> recordResolution(ReviewResolved resolved);
}
