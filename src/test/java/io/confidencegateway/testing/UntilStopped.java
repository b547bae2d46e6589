package io.confidencegateway.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A load client of the process ITs that stop the gateway under load (SIGTERM, SIGKILL): it repeats its step until
 * told to stop. An I/O failure (refused, cut mid-way or timed out while the gateway goes down) is not an
 * acknowledged write, so the client tries again, or ends once stopped; anything else fails the client.
 */
public final class UntilStopped {

    /** One round of a load client; {@code n} counts the rounds from 0. */
    @FunctionalInterface
    public interface Step {
        void run(int n) throws Exception;
    }

    private UntilStopped() {
    }

    /** Repeats the step until stopped or, once stopped, until the gateway refuses connections. */
    public static void untilStopped(AtomicBoolean stop, Step step) {
        for (int n = 0; !stop.get(); n++) {
            try {
                step.run(n);
            } catch (IOException refusedOrCut) {
                if (stop.get()) {
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception unexpected) {
                throw new IllegalStateException(unexpected);
            }
        }
    }
}
