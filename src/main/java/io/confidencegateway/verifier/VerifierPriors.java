package io.confidencegateway.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.confidencegateway.confidence.ConfidenceModel;

/**
 * Prior weights for the verifier signals, from {@value #RESOURCE}, added to the shipped model as unfitted
 * features. They live in their own file so that refitting the model never collides with them; once a refit model
 * carries a feature of the same name (trained on verified rows), that one wins and the prior steps aside.
 */
public final class VerifierPriors {

    /** The priors shipped with the gateway. */
    public static final String RESOURCE = "confidence/verifier-priors.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifierPriors() {
    }

    /** The shipped model with the shipped priors for the features it lacks. */
    public static ConfidenceModel over(ConfidenceModel model) {
        try (InputStream in = VerifierPriors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return over(model, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The model with those priors for the features it lacks. Merged as JSON rather than through the model's
     * constructor, so that fields the model grows (calibration…) pass through untouched.
     */
    static ConfidenceModel over(ConfidenceModel model, JsonNode priors) {
        ObjectNode tree = JSON.valueToTree(model);
        ArrayNode features = (ArrayNode) tree.get("features");
        Set<String> present = new HashSet<>();
        features.forEach(f -> present.add(f.path("name").asText()));
        for (JsonNode prior : priors.path("features")) {
            if (present.add(prior.path("name").asText())) {
                features.add(((ObjectNode) prior.deepCopy()).put("fitted", false));
            }
        }
        try {
            return JSON.treeToValue(tree, ConfidenceModel.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
