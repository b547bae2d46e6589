package io.confidencegateway.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.List;

/**
 * Which version a request gets: every weighted label takes its percentage of a 0-99 bucket range (in label order),
 * production the rest. The bucket is a stable hash of the product and the conversation (else the user), so one
 * conversation always gets the same version on every replica while the labels stay where they are. Pure.
 */
public final class PromptSplitPolicy {

    private static final int BUCKETS = 100;

    private PromptSplitPolicy() {
    }

    /** The label a bucket falls in: a weighted label, or production when none takes it. */
    public static PromptLabel choose(List<PromptLabel> labels, int bucket) {
        if (bucket < 0 || bucket >= BUCKETS) {
            throw new IllegalArgumentException("bucket must be 0-99, got " + bucket);
        }
        PromptLabel production = labels.stream().filter(l -> PromptLabel.PRODUCTION.equals(l.label())).findFirst()
                .orElseGet(PromptLabel::shippedProduction);
        int upTo = 0;
        for (PromptLabel label : labels.stream().filter(l -> !PromptLabel.PRODUCTION.equals(l.label()))
                .sorted(Comparator.comparing(PromptLabel::label)).toList()) {
            upTo += label.weight();
            if (bucket < upTo) {
                return label;
            }
        }
        return production;
    }

    /** The bucket (0-99) of a sticky key within a product: the first 8 bytes of SHA-256, unsigned, mod 100. */
    public static int bucket(String product, String stickyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((product + "\n" + stickyKey).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (digest[i] & 0xff);
            }
            return (int) Long.remainderUnsigned(value, BUCKETS);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /**
     * What keeps a request on one version: {@code c:} + the conversation id, else {@code u:} + the user id, else
     * null (the request is its own bucket).
     */
    public static String stickyKey(String conversationId, String userId) {
        if (conversationId != null && !conversationId.isBlank()) {
            return "c:" + conversationId;
        }
        if (userId != null && !userId.isBlank()) {
            return "u:" + userId;
        }
        return null;
    }
}
