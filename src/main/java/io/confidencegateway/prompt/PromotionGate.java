package io.confidencegateway.prompt;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * Decides whether production may move from one version to another (the evaluation feature implements it). A move
 * with {@code force} skips it.
 */
public interface PromotionGate {

    /**
     * The criteria that moving production from version {@code from} to {@code to} fails, each in words that say what
     * to do; empty when the move may go ahead.
     */
    Uni<List<String>> failures(String product, int from, int to);
}
