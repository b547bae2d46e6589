package io.confidencegateway.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps the {@code prompt_version} tag bounded. The pipeline passes a version's number only while a label points at
 * it ({@code other} otherwise); on top of that, each product gets series of their own for at most
 * {@link #MAX_PER_PRODUCT} distinct versions in the life of a process, and every later one counts as {@code other}
 * until the next restart (a deploy). So a meter has at most {@code MAX_PER_PRODUCT + 1} prompt-version values per
 * product, whatever the callers send.
 */
final class PromptVersionTags {

    /** Distinct version tags per product and process; a canary cycle a week fills it in about two months. */
    static final int MAX_PER_PRODUCT = 10;
    static final String OTHER = "other";
    private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private final int max;
    private final ConcurrentHashMap<String, Set<String>> seen = new ConcurrentHashMap<>();

    PromptVersionTags(int max) {
        this.max = max;
    }

    /** The tag value for this product's version: the number itself while within the bound, else {@code other}. */
    String tag(String product, String version) {
        if (version == null || !NUMBER.matcher(version).matches()) {
            return OTHER;
        }
        Set<String> versions = seen.computeIfAbsent(product, p -> ConcurrentHashMap.newKeySet());
        if (versions.contains(version)) {
            return version;
        }
        synchronized (versions) {
            if (versions.size() < max) {
                versions.add(version);
                return version;
            }
            return versions.contains(version) ? version : OTHER;
        }
    }
}
