package io.confidencegateway.product;

import io.confidencegateway.confidence.Thresholds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProductSeedTest {

    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private final ProductSpecCodec codec = new ProductSpecCodec(new ObjectMapper());
    private final ProductSeed seed = new ProductSeed(codec,
            new ProductValidator(VALIDATOR, Set.of("gpt-4o", "gpt-4o-mini")::contains));

    @Test
    void theShippedSeedHoldsTheSupportCopilot() {
        Map<String, ProductSpec> products = seed.load("products/seed.json");

        assertThat(products).containsOnlyKeys("support-copilot");
        ProductSpec copilot = products.get("support-copilot");
        assertThat(copilot.name()).isEqualTo("Support Copilot");
        assertThat(copilot.hallucinationRisk()).isEqualTo(ProductSpec.RiskLevel.HIGH);
        assertThat(copilot.piiHandling()).isEqualTo(ProductSpec.PiiHandling.REDACT);
        assertThat(copilot.effectiveThresholds()).isEqualTo(new Thresholds(0.85, 0.60, 0.60, 0.30));
        assertThat(new ModelTierPolicy().recommend(copilot).tier()).isEqualTo(ModelTier.FRONTIER);
    }

    @Test
    void aSeedFileOnTheFilesystemIsReadBeforeTheClasspath(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("products.json");
        Files.writeString(file, "{\"faq-bot\": {\"name\": \"FAQ\", \"max_latency_seconds\": 2, "
                + "\"context_window_needs\": \"short\", \"hallucination_risk\": \"low\", \"accuracy_target\": 0.8, "
                + "\"pii_handling\": \"none\", \"model\": \"gpt-4o\"}}");

        assertThat(seed.load(file.toString())).containsOnlyKeys("faq-bot");
    }

    @Test
    void anInvalidSeedNamesTheFileTheProductAndTheField() {
        String json = "{\"good\": " + valid() + ", \"bad-one\": " + valid().replace("0.9", "1.5") + "}";

        assertThatThrownBy(() -> seed.parse("seed.json", json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'seed.json'")
                .hasMessageContaining("product 'bad-one'")
                .hasMessageContaining("accuracy_target: must be a number between 0 and 1");
    }

    @Test
    void aSeedWithAnUnknownFieldABadIdOrBadJsonFailsToo() {
        assertThatThrownBy(() -> seed.parse("s", "{\"x\": " + valid().replace("{", "{\"colour\": 1, ") + "}"))
                .hasMessageContaining("product 'x': colour: is not a field of a product spec");
        assertThatThrownBy(() -> seed.parse("s", "{\"Bad Id\": " + valid() + "}"))
                .hasMessageContaining("product 'Bad Id': id: must be a lowercase slug");
        assertThatThrownBy(() -> seed.parse("s", "{\"x\": "))
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> seed.parse("s", "[]"))
                .hasMessageContaining("must be a JSON object of product id to product spec");
        assertThatThrownBy(() -> seed.load("no/such/seed.json"))
                .hasMessageContaining("no such file, and no such classpath resource");
    }

    private static String valid() {
        return "{\"name\": \"N\", \"max_latency_seconds\": 2, \"context_window_needs\": \"short\", "
                + "\"hallucination_risk\": \"low\", \"accuracy_target\": 0.9, \"pii_handling\": \"none\"}";
    }
}
