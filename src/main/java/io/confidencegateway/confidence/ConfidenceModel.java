package io.confidencegateway.confidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.CRC32;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.confidencegateway.confidence.text.Words;

/**
 * The logistic model that turns signal values into a confidence, fitted offline and shipped as a versioned
 * resource: {@code logit = intercept + Σ weight·(value − mean)} over the signals that apply. A signal that does
 * not apply contributes nothing, which is the same as imputing its training mean, so the fit and the scoring
 * agree on what "absent" means. Features with {@code fitted = false} carry a prior weight because the training
 * data never exercised them (e.g. logprobs); the note says so.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConfidenceModel(String version, String note, double intercept, List<Feature> features,
        Terms terms, Calibration calibration, Map<String, Object> evaluation) {

    /** The model shipped with the gateway. */
    public static final String RESOURCE = "confidence/model-v3.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One signal's coefficient, the training mean it is centred on, and whether data fitted it. A feature with
     * {@code centred = false} (an answer type such as {@code refusal}) has mean 0: that it applies at all moves the
     * logit by {@code weight × value}, because the answers it applies to differ from the rest as a group.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feature(String name, double weight, double mean, boolean fitted, Boolean centred) {

        public Feature(String name, double weight, double mean, boolean fitted) {
            this(name, weight, mean, fitted, null);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isCentred() {
            return centred == null || centred;
        }
    }

    /**
     * Maps the logistic model's probability to the faithful rate observed at that probability (isotonic regression
     * on out-of-fold scores, so the map corrects the model's over-confidence on answers it has not seen): linear
     * between the points, flat beyond the ends. Without one the probability is the confidence.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Calibration(List<Double> raw, List<Double> calibrated) {

        public Calibration {
            raw = List.copyOf(raw);
            calibrated = List.copyOf(calibrated);
            if (raw.isEmpty() || raw.size() != calibrated.size()) {
                throw new IllegalArgumentException("calibration needs as many raw as calibrated points, at least one");
            }
            for (int i = 1; i < raw.size(); i++) {
                if (raw.get(i) < raw.get(i - 1) || calibrated.get(i) < calibrated.get(i - 1)) {
                    throw new IllegalArgumentException("calibration points must be non-decreasing");
                }
            }
        }

        public double apply(double p) {
            int last = raw.size() - 1;
            if (p <= raw.get(0)) {
                return calibrated.get(0);
            }
            if (p >= raw.get(last)) {
                return calibrated.get(last);
            }
            int hi = 1;
            while (raw.get(hi) < p) {
                hi++;
            }
            double x0 = raw.get(hi - 1);
            double x1 = raw.get(hi);
            double t = x1 == x0 ? 1 : (p - x0) / (x1 - x0);
            return calibrated.get(hi - 1) + t * (calibrated.get(hi) - calibrated.get(hi - 1));
        }
    }

    /**
     * Per-word weights for the words one signal reports ({@link SignalResult#terms()}, e.g. the answer's words found in
     * no passage): a word's stem is hashed (CRC-32 of {@code "w:" + stem}) into one of {@code buckets}, and each bucket
     * the data fitted has a weight, added to the logit once per distinct stem. Only fitted buckets are listed; any
     * other word weighs 0. Hashing keeps the table small and open to words the training data never had, and the
     * scorer names each word with its weight, so the contribution stays readable.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Terms(String signal, int buckets, Map<Integer, Double> weights) {

        public Terms {
            if (signal == null || signal.isBlank() || buckets < 1) {
                throw new IllegalArgumentException("terms need a signal name and at least one bucket");
            }
            weights = Collections.unmodifiableSortedMap(new TreeMap<>(
                    weights == null ? Map.of() : weights));
            for (Integer bucket : weights.keySet()) {
                if (bucket < 0 || bucket >= buckets) {
                    throw new IllegalArgumentException("term bucket " + bucket + " is outside 0.." + (buckets - 1));
                }
            }
        }

        /** The bucket of a word: its stem, hashed. */
        public static int bucket(String word, int buckets) {
            CRC32 crc = new CRC32();
            crc.update(("w:" + Words.stem(word))
                    .getBytes(StandardCharsets.UTF_8));
            return (int) (crc.getValue() % buckets);
        }

        /** The logit weight of one word (0 for a word whose bucket was never fitted). */
        public double weight(String word) {
            return weights.getOrDefault(bucket(word, buckets), 0.0);
        }
    }

    public ConfidenceModel {
        features = List.copyOf(features);
    }

    /** A model without term weights. */
    public ConfidenceModel(String version, String note, double intercept, List<Feature> features,
            Calibration calibration, Map<String, Object> evaluation) {
        this(version, note, intercept, features, null, calibration, evaluation);
    }

    /** The confidence for a logit: the logistic probability, through the calibration map when there is one. */
    public double confidence(double logit) {
        double p = 1 / (1 + Math.exp(-logit));
        return calibration == null ? p : calibration.apply(p);
    }

    public ConfidenceModel withCalibration(Calibration map) {
        return new ConfidenceModel(version, note, intercept, features, terms, map, evaluation);
    }

    public static ConfidenceModel shipped() {
        try (InputStream in = ConfidenceModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ConfidenceModel read(InputStream in) throws IOException {
        return JSON.readValue(in, ConfidenceModel.class);
    }

    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, Feature> byName() {
        return features.stream().collect(Collectors.toMap(Feature::name, Function.identity()));
    }
}
