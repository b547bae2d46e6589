package io.confidencegateway.confidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

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
        Map<String, Object> evaluation) {

    /** The model shipped with the gateway. */
    public static final String RESOURCE = "confidence/model-v1.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One signal's coefficient, the training mean it is centred on, and whether data fitted it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Feature(String name, double weight, double mean, boolean fitted) {
    }

    public ConfidenceModel {
        features = List.copyOf(features);
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
