package io.confidencegateway.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.anthropic.AnthropicProviderFactory;
import io.confidencegateway.provider.extractive.ExtractiveProviderFactory;
import io.confidencegateway.provider.ollama.OllamaProviderFactory;
import io.confidencegateway.provider.openai.OpenAiCompatibleProviderFactory;
import io.vertx.core.Vertx;

/** What each factory declares about its type: the registry reads these to build, enable and probe providers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderFactoriesTest {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, ChatProviderFactory> factories = Map.of(
            "openai", new OpenAiCompatibleProviderFactory(vertx, new ObjectMapper()),
            "anthropic", new AnthropicProviderFactory(vertx, new ObjectMapper()),
            "ollama", new OllamaProviderFactory(vertx, new ObjectMapper()),
            "extractive", new ExtractiveProviderFactory());

    @AfterAll
    void closeVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {
            "openai, https://api.openai.com/v1, /models",
            "anthropic, https://api.anthropic.com/v1, none",
            "ollama, http://localhost:11434, /api/tags",
            "extractive, in-process:extractive, none"})
    void eachFactoryNamesItsTypeDefaultUrlAndProbe(String type, String defaultBaseUrl, String probePath) {
        ChatProviderFactory factory = factories.get(type);

        assertThat(factory.type()).isEqualTo(type);
        assertThat(factory.defaultBaseUrl()).isEqualTo(defaultBaseUrl);
        assertThat(factory.probePath()).isEqualTo(probePath);
    }

    @ParameterizedTest
    @CsvSource({
            "openai, https://api.openai.com/v1, true",
            "openai, https://my-team.openai.azure.com/openai/deployments/gpt4o, true",
            "openai, http://localhost:8000/v1, false",
            "openai, https://openai.azure.com.example.org/v1, false",
            "anthropic, https://api.anthropic.com/v1, true",
            "anthropic, http://localhost:8080/v1, false",
            "ollama, http://localhost:11434, false",
            "ollama, https://api.openai.com/v1, false",
            "extractive, in-process:extractive, false"})
    void onlyAVendorsPublicEndpointNeedsAKey(String type, String baseUrl, boolean required) {
        assertThat(factories.get(type).requiresApiKey(baseUrl)).isEqualTo(required);
    }

    @Test
    void eachFactoryBuildsAProviderNamedAfterItsSettings() {
        Function<String, ProviderSettings> settings = type -> new ProviderSettings("my-" + type, type,
                factories.get(type).defaultBaseUrl(), java.util.Optional.of("sk-test"), java.time.Duration.ofSeconds(5),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(5), java.util.Optional.empty(),
                Map.of(), 4);

        factories.forEach((type, factory) -> assertThat(factory.create(settings.apply(type)).id())
                .isEqualTo("my-" + type));
    }
}
