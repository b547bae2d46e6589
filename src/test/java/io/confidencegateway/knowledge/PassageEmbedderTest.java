package io.confidencegateway.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A {@code @QuarkusTest} although it needs no HTTP: the tokenizer's native library can be loaded by one class loader
 * per JVM only, and the application's (which the other knowledge tests boot) is the one that has it.
 */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class PassageEmbedderTest {

    private static final List<String> TEXTS = List.of(
            "How long is the refund window?",
            "## Refund window\n\nYou can request a full refund within 30 days of purchase. After the 30-day window, "
                    + "monthly charges are not refunded.",
            "Café crème, naïve façade, Zürich — ünïcödé and emoji 🚀 in a passage.",
            "2FA",
            LargeMarkdown.generate(3_000, 9)); // far past the model's 128 tokens: truncated the same way

    @Inject
    PassageEmbedder embedder;

    @Test
    void passagesEmbeddedForIndexingMatchTheSameTextsEmbeddedOneByOneAndLangchain4jsModel() {
        AllMiniLmL6V2QuantizedEmbeddingModel reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        List<float[]> indexed = embedder.embedAll(TEXTS);

        assertThat(indexed).hasSize(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            float[] alone = embedder.embed(TEXTS.get(i));
            float[] langchain4j = reference.embed(TEXTS.get(i)).content().vector();
            assertThat(indexed.get(i)).hasSize(PassageEmbedder.DIMENSIONS);
            assertThat(HybridRetriever.cosine(indexed.get(i), alone)).as("text %d alone", i).isGreaterThan(0.999);
            assertThat(HybridRetriever.cosine(indexed.get(i), langchain4j)).as("text %d vs langchain4j", i)
                    .isGreaterThan(0.999);
            assertThat(norm(indexed.get(i))).as("unit length").isCloseTo(1.0, Offset.offset(1e-4));
        }
        assertThat(HybridRetriever.cosine(indexed.get(0), indexed.get(1))).as("related texts are near")
                .isGreaterThan(HybridRetriever.cosine(indexed.get(0), indexed.get(3)));
    }

    private static double norm(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }
}
