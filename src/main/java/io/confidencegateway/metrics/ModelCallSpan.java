package io.confidencegateway.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.confidencegateway.chat.Usage;
import io.opentelemetry.api.trace.Span;

/**
 * The span of one provider attempt, ended exactly once: by its outcome, or by cancellation when the caller gave up
 * first. Usage and the response model may arrive before the end (a stream's last chunk carries them).
 */
public final class ModelCallSpan {

    private final Span span;
    private final Function<String, String> output;
    private final AtomicBoolean ended = new AtomicBoolean();

    ModelCallSpan(Span span, Function<String, String> output) {
        this.span = span;
        this.output = output;
    }

    /** Notes the model that answered, when the provider said. */
    public void responseModel(String model) {
        if (model != null && !model.isBlank()) {
            span.setAttribute(GatewayTracing.RESPONSE_MODEL, model);
        }
    }

    /** Notes the tokens the provider counted. */
    public void usage(Usage usage) {
        if (usage != null) {
            span.setAttribute(GatewayTracing.INPUT_TOKENS, (long) usage.promptTokens());
            span.setAttribute(GatewayTracing.OUTPUT_TOKENS, (long) usage.completionTokens());
        }
    }

    /** Ends the span as a success; {@code text} is kept only where content capture is switched on. */
    public void succeeded(String text) {
        if (ended.compareAndSet(false, true)) {
            if (output != null && text != null) {
                span.setAttribute(GatewayTracing.OUTPUT_MESSAGES, output.apply(text));
            }
            span.end();
        }
    }

    /** Ends the span as a failure of the given kind ({@code timeout}, {@code server_error}...). */
    public void failed(String errorType) {
        if (ended.compareAndSet(false, true)) {
            GatewayTracing.failed(span, errorType);
            span.end();
        }
    }
}
