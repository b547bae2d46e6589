package io.confidencegateway.metrics;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.ChatMessage;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;

/**
 * The gateway's own spans, named once (as {@link GatewayMetrics} names the meters): OpenTelemetry GenAI names for
 * model calls and evaluations, {@code gateway.<step>} for the pipeline's steps. The parent is passed explicitly
 * because the pipeline hops between the event loop, workers and the indexing pool, and a thread-local "current
 * span" does not follow those hops. Nothing here exports: with the SDK disabled (the default) every span is a no-op.
 */
@ApplicationScoped
public class GatewayTracing {

    static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");
    static final AttributeKey<String> EVALUATION_NAME = AttributeKey.stringKey("gen_ai.evaluation.name");
    static final AttributeKey<Double> SCORE_VALUE = AttributeKey.doubleKey("gen_ai.evaluation.score.value");
    static final AttributeKey<String> SCORE_LABEL = AttributeKey.stringKey("gen_ai.evaluation.score.label");
    /** The event that carries an answer's confidence (OpenTelemetry GenAI semantic conventions). */
    public static final String EVALUATION_EVENT = "gen_ai.evaluation.result";

    private final Tracer tracer;
    private final boolean captureContent;
    private final ObjectMapper json;

    public GatewayTracing(Tracer tracer, TracingConfig config, ObjectMapper json) {
        this.tracer = tracer;
        this.captureContent = config.captureContent();
        this.json = json;
    }

    /** The trace context of the calling thread; capture it while the request's span is still current. */
    public static Context current() {
        return Context.current();
    }

    /**
     * A child span of {@code parent} named {@code name} around the Uni that {@code work} builds (built with the span
     * current, so instrumented calls inside nest under it), ended when that Uni ends or is cancelled.
     */
    public <T> Uni<T> span(Context parent, String name, Supplier<Uni<T>> work) {
        return span(parent, name, (span, item) -> {
        }, work);
    }

    /** As {@link #span(Context, String, Supplier)}, letting {@code onItem} describe the result on the span. */
    public <T> Uni<T> span(Context parent, String name, ItemDescriber<T> onItem, Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            Span span = tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.INTERNAL).startSpan();
            Uni<T> inner;
            try (Scope ignored = span.makeCurrent()) {
                inner = work.get();
            } catch (RuntimeException e) {
                failed(span, e.getClass().getName());
                span.end();
                throw e;
            }
            return inner.onItemOrFailure().invoke((item, failure) -> {
                if (failure != null) {
                    failed(span, failure.getClass().getName());
                } else {
                    onItem.describe(span, item);
                }
                span.end();
            }).onCancellation().invoke(span::end);
        });
    }

    /** Adds what a finished step produced to its span. */
    @FunctionalInterface
    public interface ItemDescriber<T> {
        void describe(Span span, T item);
    }

    /** Records an answer's confidence and its label on {@code span} as a {@code gen_ai.evaluation.result} event. */
    public static void evaluation(Span span, String name, double score, String label) {
        span.addEvent(EVALUATION_EVENT, Attributes.of(EVALUATION_NAME, name, SCORE_VALUE, score, SCORE_LABEL, label));
    }

    /** Starts the CLIENT span of one provider attempt: {@code chat {model}}. */
    public ModelCallSpan modelCall(Context parent, String provider, String requestModel, List<ChatMessage> input) {
        Span span = tracer.spanBuilder("chat " + requestModel).setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setAttribute(OPERATION, "chat").setAttribute(PROVIDER, provider)
                .setAttribute(REQUEST_MODEL, requestModel).startSpan();
        if (captureContent && input != null) {
            span.setAttribute(INPUT_MESSAGES, messages(input));
        }
        return new ModelCallSpan(span, captureContent ? this::outputMessages : null);
    }

    private String messages(List<ChatMessage> input) {
        return write(input.stream().map(m -> new Part(m.role(), m.text())).toList());
    }

    private String outputMessages(String text) {
        return write(List.of(new Part("assistant", text)));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    private record Part(String role, String content) {
    }

    static void failed(Span span, String errorType) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR, errorType);
    }

}
