package io.confidencegateway.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.confidence.ConfidenceModel;

class VerifierPriorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedModelGainsUnfittedPriorsForBothVerifiers() {
        ConfidenceModel model = VerifierPriors.over(ConfidenceModel.shipped());

        assertThat(model.byName().get("entailment")).isEqualTo(new ConfidenceModel.Feature("entailment", 3.0, 0.6,
                false));
        assertThat(model.byName().get("judge")).isEqualTo(new ConfidenceModel.Feature("judge", 3.0, 0.8, false));
        assertThat(model.features()).hasSize(ConfidenceModel.shipped().features().size() + 2);
        assertThat(model.intercept()).isEqualTo(ConfidenceModel.shipped().intercept());
    }

    @Test
    void aFeatureTheModelAlreadyFittedWinsOverItsPrior() throws Exception {
        var fitted = ConfidenceModel.read(new java.io.ByteArrayInputStream("""
                {"version": "t", "intercept": 0.1, "features": [
                  {"name": "judge", "weight": 5.5, "mean": 0.7, "fitted": true}]}""".getBytes()));

        ConfidenceModel model = VerifierPriors.over(fitted, JSON.readTree("""
                {"features": [{"name": "judge", "weight": 3.0, "mean": 0.8},
                              {"name": "entailment", "weight": 2.0, "mean": 0.5, "fitted": true}]}"""));

        assertThat(model.features()).containsExactly(new ConfidenceModel.Feature("judge", 5.5, 0.7, true),
                new ConfidenceModel.Feature("entailment", 2.0, 0.5, false));
        assertThat(model.version()).isEqualTo("t");
        assertThat(model.intercept()).isEqualTo(0.1);
    }
}
