package io.confidencegateway.metrics;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.confidencegateway.chat.Usage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The span of one provider attempt, ended exactly once: by its outcome, or by cancellation when the caller gave up
 * first. Usage and the response model may arrive before the end (a stream's last chunk carries them).
 */
public final class ModelCallSpan {

    private final Span span;
    private final Context context;
    private final Function<String, String> output;
    private final AtomicBoolean ended = new AtomicBoolean();

    ModelCallSpan(Span span, Context parent, Function<String, String> output) {
        this.span = span;
        this.context = parent.with(span);
        this.output = output;
    }

    /**
     * The provider call, built and run with this span current (see {@link CallScope}), so that the HTTP client span of its
     * upstream request nests under this one, and its {@code traceparent} names it, rather than the server span.
     */
    public <T> Uni<T> within(Supplier<Uni<T>> call) {
        return CallScope.within(context, call);
    }

    /** As {@link #within(Supplier)}, for a stream. */
    public <T> Multi<T> streamWithin(Supplier<Multi<T>> call) {
        return CallScope.streamWithin(context, call);
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
