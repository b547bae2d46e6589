package io.confidencegateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.Usage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class GatewayTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();

    private GatewayTracing tracing(boolean captureContent) {
        TracingConfig config = () -> captureContent;
        return new GatewayTracing(provider.get("test"), config, new ObjectMapper());
    }

    private SpanData onlySpan() {
        assertThat(exported.getFinishedSpanItems()).hasSize(1);
        return exported.getFinishedSpanItems().get(0);
    }

    private static final List<ChatMessage> ASKED = List.of(ChatMessage.of("user", "Where is my parcel?"));

    @Test
    void contentStaysOutOfModelCallSpansByDefault() {
        ModelCallSpan call = tracing(false).modelCall(Context.root(), "openai", "gpt-4o", ASKED);
        call.succeeded("It left the depot today.");

        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages"))).isNull();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages"))).isNull();
    }

    @Test
    void theSwitchPutsTheMessagesAndTheAnswerOnTheSpan() {
        ModelCallSpan call = tracing(true).modelCall(Context.root(), "openai", "gpt-4o", ASKED);
        call.succeeded("It left the depot today.");

        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.input.messages")))
                .isEqualTo("[{\"role\":\"user\",\"content\":\"Where is my parcel?\"}]");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.output.messages")))
                .isEqualTo("[{\"role\":\"assistant\",\"content\":\"It left the depot today.\"}]");
    }

    @Test
    void aModelCallEndsOnceWithTheFirstOutcome() {
        ModelCallSpan call = tracing(false).modelCall(Context.root(), "backup", "backup-model", ASKED);
        call.responseModel("backup-model-2");
        call.usage(Usage.of(12, 3));
        call.failed("timeout");
        call.succeeded("too late");
        call.failed("cancelled");

        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("chat backup-model");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("timeout");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("backup-model-2");
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(12L);
        assertThat(span.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(3L);
    }

    @Test
    void aBlankResponseModelIsNotRecorded() {
        ModelCallSpan call = tracing(false).modelCall(Context.root(), "openai", "gpt-4o", ASKED);
        call.responseModel(" ");
        call.succeeded(null);

        assertThat(onlySpan().getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isNull();
    }
}
