package io.confidencegateway.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The only place meter names are spelled. Model calls use the OpenTelemetry GenAI names
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}); the gateway's own meters are
 * {@code gateway.<feature>.<event>}. Tags are low-cardinality only: provider, model, outcome, a bounded prompt
 * version — never ids or users.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final TaggedMeters<Timer> operation;
    private final TaggedMeters<DistributionSummary> tokens;
    private final TaggedMeters<Counter> requests;
    private final Counter dropped;
    private final Counter storeFailures;
    private final Counter sessionReads;
    private final TaggedMeters<Timer> scoring;
    private final TaggedMeters<Counter> feedbackEvents;
    private final TaggedMeters<DistributionSummary> confidence;
    private final TaggedMeters<Counter> answers;
    private final TaggedMeters<Counter> handoffs;
    private final TaggedMeters<Counter> cost;
    private final TaggedMeters<Counter> productTokens;
    private final TaggedMeters<DistributionSummary> csat;
    private final TaggedMeters<Timer> firstToken;
    private final PromptVersionTags promptVersions = new PromptVersionTags(PromptVersionTags.MAX_PER_PRODUCT);

    /** The {@code prompt_version} tag of an answer whose version no label points at (or past the bound). */
    public static final String OTHER_PROMPT_VERSION = PromptVersionTags.OTHER;

    private final MeterRegistry registry;
    private static final String[] STATUS_CLASSES = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx"};

    // Review queue and webhooks: gauges read values a scheduled refresh stores, never the database.
    private final TaggedMeters<Counter> webhookDeliveries;
    private final java.util.concurrent.atomic.AtomicLong pendingReviews = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong pendingHandoffs = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong oldestPendingMillis =
            new java.util.concurrent.atomic.AtomicLong(-1);

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.operation = new TaggedMeters<>(Timer.builder("gen_ai.client.operation.duration")
                .description("Duration of model calls through the gateway, by provider, model and outcome")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(120))
                .withRegistry(registry), "gen_ai.operation.name", "provider", "model", "outcome");
        this.tokens = new TaggedMeters<>(DistributionSummary.builder("gen_ai.client.token.usage")
                .description("Tokens per model call, by type (input/output), provider and model")
                .serviceLevelObjectives(16, 64, 256, 1024, 4096, 16384, 65536, 262144)
                .withRegistry(registry), "gen_ai.token.type", "provider", "model");
        this.requests = new TaggedMeters<>(Counter.builder("gateway.requests")
                .description("Requests to the gateway's APIs, by api, outcome and status class")
                .withRegistry(registry), "api", "outcome", "status");
        this.dropped = Counter.builder("gateway.records.dropped")
                .description("Answer records that could not be queued for storage or that the database refused")
                .register(registry);
        this.sessionReads = Counter.builder("gateway.console.session.reads")
                .description("Console session lookups that read the database (one transaction each)")
                .register(registry);
        this.storeFailures = Counter.builder("gateway.records.store.failures")
                .description("Failed attempts to store a batch of answer records").register(registry);
        this.scoring = new TaggedMeters<>(Timer.builder("gateway.confidence.scoring.duration")
                .description("CPU time to score one answer's confidence, by resulting label")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .withRegistry(registry), "label");
        this.webhookDeliveries = new TaggedMeters<>(Counter.builder("gateway.webhook.deliveries")
                .description("Webhook delivery attempts, by product, event and outcome (delivered, retried, failed)")
                .withRegistry(registry), "product", "event", "outcome");
        io.micrometer.core.instrument.Gauge.builder("gateway.review.queue.depth", pendingReviews, Number::doubleValue)
                .description("Pending review items, by kind (review, handoff)").tag("kind", "review")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("gateway.review.queue.depth", pendingHandoffs, Number::doubleValue)
                .description("Pending review items, by kind (review, handoff)").tag("kind", "handoff")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("gateway.review.queue.oldest.age.seconds", oldestPendingMillis,
                        oldest -> oldest.get() < 0 ? 0 : (System.currentTimeMillis() - oldest.get()) / 1000.0)
                .description("Age of the oldest pending review item (0 when none is pending)").register(registry);

        // Product feedback and answer quality (#6). Tags: product, kind, label, outcome, reason, model only.
        this.feedbackEvents = new TaggedMeters<>(Counter.builder("gateway.feedback.events")
                .description("Feedback signals received, by product and kind (rating_up, rating_down, edited, "
                        + "resolved, escalated, csat, hallucination, review_approve, review_edit, review_reject)")
                .withRegistry(registry), "product", "kind");
        this.confidence = new TaggedMeters<>(DistributionSummary.builder("gateway.confidence.score")
                .description("Confidence of each product answer (0-1), by product and prompt version")
                .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
                .withRegistry(registry), "product", "prompt_version");
        this.answers = new TaggedMeters<>(Counter.builder("gateway.answers")
                .description("Product answers, by product, prompt version, confidence label and outcome (deliver, "
                        + "review, hand_off)")
                .withRegistry(registry), "product", "prompt_version", "label", "outcome");
        this.handoffs = new TaggedMeters<>(Counter.builder("gateway.handoffs")
                .description("Questions handed off to a human, by product, prompt version and reason")
                .withRegistry(registry), "product", "prompt_version", "reason");
        this.cost = new TaggedMeters<>(Counter.builder("gateway.cost.usd")
                .description("Provider cost in US dollars, by product, prompt version and model")
                .withRegistry(registry), "product", "prompt_version", "model");
        this.productTokens = new TaggedMeters<>(Counter.builder("gateway.tokens")
                .description("Tokens of product answers, by product, prompt version, model and type (input/output)")
                .withRegistry(registry), "product", "prompt_version", "model", "type");
        // CSAT as a distribution, so a dashboard shows the mean score (sum / count), not only how often it was given.
        this.csat = new TaggedMeters<>(DistributionSummary.builder("gateway.feedback.csat")
                .description("Customer satisfaction scores (1-5) received as feedback, by product")
                .serviceLevelObjectives(1, 2, 3, 4, 5)
                .withRegistry(registry), "product");
        // A stream's reader waits for its first token; the whole call's duration hides that for long answers.
        this.firstToken = new TaggedMeters<>(Timer.builder("gateway.stream.time.to.first.token")
                .description("Time from sending a streamed model call to its first chunk of content, by provider "
                        + "and model")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .withRegistry(registry), "provider", "model");
    }

    /** A CSAT score (1-5) given as feedback on an answer of a product ({@code none} for chat completions). */
    public void recordCsat(String product, int score) {
        csat.with(tagOrNone(product)).record(score);
    }

    /** How long a streamed model call took to its first chunk of content. */
    public void recordFirstToken(String provider, String model, long nanos) {
        firstToken.with(provider, model).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** One webhook delivery attempt: {@code delivered}, {@code retried} (will be retried) or {@code failed}. */
    /** One console session looked up in the database (not answered from a replica's memory). */
    public void countSessionRead() {
        sessionReads.increment();
    }

    public void countWebhookDelivery(String product, String event, String outcome) {
        webhookDeliveries.with(product, event, outcome).increment();
    }

    /** The review queue as last read from the store; {@code oldestPending} is null when nothing is pending. */
    public void setReviewQueue(long reviews, long handoffs, java.time.Instant oldestPending) {
        pendingReviews.set(reviews);
        pendingHandoffs.set(handoffs);
        oldestPendingMillis.set(oldestPending == null ? -1 : oldestPending.toEpochMilli());
    }

    /** One feedback signal on an answer of a product ({@code none} for plain chat completions). */
    public void countFeedback(String product, String kind) {
        feedbackEvents.with(tagOrNone(product), kind).increment();
    }

    /**
     * One product answer: its confidence (into {@code gateway.confidence.score}) and how it was treated.
     * {@code promptVersion} is the version's number while a label points at it, else {@link #OTHER_PROMPT_VERSION}
     * (see {@link PromptVersionTags} for the bound).
     */
    public void recordAnswer(String product, String promptVersion, String label, String outcome, double confidence) {
        String version = promptVersions.tag(tagOrNone(product), promptVersion);
        this.confidence.with(tagOrNone(product), version).record(confidence);
        answers.with(tagOrNone(product), version, tagOrNone(label), tagOrNone(outcome))
                .increment();
    }

    /** One hand-off to a human and its reason (a fixed vocabulary such as {@code low_confidence}). */
    public void recordHandoff(String product, String promptVersion, String reason) {
        handoffs.with(tagOrNone(product), promptVersions.tag(tagOrNone(product), promptVersion), tagOrNone(reason))
                .increment();
    }

    /** Tokens of one product answer, by product, prompt version, model and type ({@code gateway_tokens_total}). */
    public void recordProductTokens(String product, String promptVersion, String model, int prompt, int completion) {
        String version = promptVersions.tag(tagOrNone(product), promptVersion);
        productTokens.with(tagOrNone(product), version, tagOrNone(model), "input").increment(prompt);
        productTokens.with(tagOrNone(product), version, tagOrNone(model), "output").increment(completion);
    }

    /** What one answer cost at the provider, in US dollars. */
    public void recordCost(String product, String promptVersion, String model, double usd) {
        cost.with(tagOrNone(product), promptVersions.tag(tagOrNone(product), promptVersion), tagOrNone(model))
                .increment(usd);
    }

    private static String tagOrNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }

    /** One attempt at one provider: how long it took and how it ended ({@code ok} or a failure kind). */
    public void recordAttempt(String provider, String model, String outcome, long nanos) {
        operation.with("chat", provider, model, outcome)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Tokens of one model call. */
    public void recordTokens(String provider, String model, int input, int output) {
        tokens.with("input", provider, model).record(input);
        tokens.with("output", provider, model).record(output);
    }

    /** One request to a public API and how it ended. */
    public void countRequest(String api, String outcome, int status) {
        requests.with(api, outcome, STATUS_CLASSES[Math.min(Math.max(status / 100, 0), 5)]).increment();
    }

    /**
     * The circuit-breaker state of a provider as a gauge: 0 closed, 1 half-open, 2 open
     * ({@code gateway_provider_circuit_state}).
     */
    public void registerCircuitState(String provider, java.util.function.Supplier<Integer> state) {
        io.micrometer.core.instrument.Gauge.builder("gateway.provider.circuit.state", state, s -> s.get())
                .description("Circuit breaker of each provider: 0 closed, 1 half-open, 2 open")
                .tag("provider", provider).register(registry);
    }

    public void recordDropped() {
        dropped.increment();
    }

    public void recordStoreFailure() {
        storeFailures.increment();
    }

    /** One confidence scoring: how long the signals and the model took, and the label it produced. */
    public void recordScoring(String label, long nanos) {
        scoring.with(label).record(nanos, TimeUnit.NANOSECONDS);
    }

}
