package io.confidencegateway.knowledge;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedding runs allowed at once (one per core: more only add native memory and context switches, #7), with
 * answers first: a question embedding takes a free permit before any indexing work does, so an upload being
 * indexed delays a product answer by at most the one passage embedding in flight on each core, however large the
 * upload. Indexing uses the permits answers leave free. A plain fair semaphore would queue a question behind every
 * indexing thread already waiting.
 */
final class EmbeddingPermits {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition answerTurn = lock.newCondition();
    private final Condition indexingTurn = lock.newCondition();
    private int free;
    private int answersWaiting;

    EmbeddingPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("at least one embedding permit is needed, not " + permits);
        }
        this.free = permits;
    }

    /** Waits for a permit for a question embedding (ahead of any indexing work). */
    void acquireForAnswer() {
        lock.lock();
        try {
            answersWaiting++;
            try {
                while (free == 0) {
                    answerTurn.awaitUninterruptibly();
                }
            } finally {
                answersWaiting--;
            }
            free--;
            passOn();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a permit that no answer is waiting for. */
    void acquireForIndexing() {
        lock.lock();
        try {
            while (free == 0 || answersWaiting > 0) {
                indexingTurn.awaitUninterruptibly();
            }
            free--;
            passOn();
        } finally {
            lock.unlock();
        }
    }

    void release() {
        lock.lock();
        try {
            free++;
            passOn();
        } finally {
            lock.unlock();
        }
    }

    /** Permits free now (for tests and gauges). */
    int available() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes whoever may take a free permit: a waiting answer, else a waiting indexing thread. */
    private void passOn() {
        if (free == 0) {
            return;
        }
        if (answersWaiting > 0) {
            answerTurn.signal();
        } else {
            indexingTurn.signal();
        }
    }
}
