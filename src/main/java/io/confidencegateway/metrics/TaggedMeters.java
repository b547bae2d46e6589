package io.confidencegateway.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Meter;

/**
 * The meters of one name, found by their tag values. Micrometer's {@code MeterProvider.withTags} rebuilds and
 * sorts the id and re-validates the histogram configuration on every call, a measurable share of a pass-through
 * request's CPU (#7); the tags here are low-cardinality, so each combination is built once and kept.
 */
final class TaggedMeters<M extends Meter> {

    private final Meter.MeterProvider<M> provider;
    private final String[] keys;
    private final ConcurrentHashMap<List<String>, M> meters = new ConcurrentHashMap<>();

    TaggedMeters(Meter.MeterProvider<M> provider, String... keys) {
        this.provider = provider;
        this.keys = keys;
    }

    /** The meter with these tag values, in the order of the keys given at construction. */
    M with(String... values) {
        if (values.length != keys.length) {
            throw new IllegalArgumentException("expected tag values for " + Arrays.toString(keys));
        }
        List<String> key = List.of(values);
        M meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, this::create);
    }

    private M create(List<String> values) {
        String[] tags = new String[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            tags[2 * i] = keys[i];
            tags[2 * i + 1] = values.get(i);
        }
        return provider.withTags(tags);
    }
}
