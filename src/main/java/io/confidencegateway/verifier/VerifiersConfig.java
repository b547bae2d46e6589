package io.confidencegateway.verifier;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * The optional model tiers that verify a product answer after it is drafted. Each is off until configured here,
 * and then used only by products that list it in their spec's {@code verifiers}.
 */
@ConfigMapping(prefix = "gateway.verifiers")
public interface VerifiersConfig {

    /** An entailment (NLI or hallucination) classifier behind text-embeddings-inference's {@code POST /predict}. */
    Entailment entailment();

    /** An LLM that labels each answer sentence supported or unsupported against the passages. */
    Judge judge();

    /** The entailment tier. */
    interface Entailment {

        /**
         * Base URL of a text-embeddings-inference server running a pair classifier (e.g.
         * {@code http://tei:8080}); the gateway posts to {@code <url>/predict}. Unset: the tier is off.
         */
        Optional<String> url();

        /**
         * Where the classifier processes data, e.g. {@code US} or {@code EU} (compared case-insensitively, like
         * {@code gateway.providers.<name>.region}). It receives the answer and the passages, so a product whose
         * spec names a {@code data_residency} sends to it only when this is that region; otherwise (or when this
         * is unset) the product's entailment signal is absent with the reason. Unset: only products without a
         * residency use it.
         */
        Optional<String> region();

        /** Bearer token sent as {@code Authorization} (a Hugging Face Inference Endpoint); unset for none. */
        @WithName("api-key")
        Optional<String> apiKey();

        /** Longest wait for the classifier; the product's remaining latency budget can shorten it. */
        @WithDefault("2s")
        Duration timeout();

        /** Longest wait for a connection to the classifier. */
        @WithName("connect-timeout")
        @WithDefault("1s")
        Duration connectTimeout();

        /**
         * How much each label the classifier returns counts as support, 0–1, lower-cased label names
         * ({@code gateway.verifiers.entailment.labels.entailment=1}). Entries add to or replace the defaults:
         * entailment, consistent, supported, faithful = 1; neutral, contradiction, hallucinated, unsupported = 0.
         */
        Map<String, Double> labels();

        /** A sentence counts as entailed when its best passage gives it at least this support (0–1). */
        @WithName("supported-at")
        @WithDefault("0.5")
        double supportedAt();

        /**
         * Pairs per request; TEI refuses batches over its {@code --max-client-batch-size} (default 32), so larger
         * answers go as several concurrent requests.
         */
        @WithName("max-batch")
        @WithDefault("32")
        int maxBatch();

        /** Answer sentences sent at most (the first ones); more would make one answer a large batch of pairs. */
        @WithName("max-sentences")
        @WithDefault("20")
        int maxSentences();

        /** Consecutive failed calls after which answers skip the classifier for {@code circuit-breaker-open-for}. */
        @WithName("circuit-breaker-failure-threshold")
        @WithDefault("5")
        int circuitBreakerFailureThreshold();

        /** How long an open breaker skips the classifier before one trial call. */
        @WithName("circuit-breaker-open-for")
        @WithDefault("30s")
        Duration circuitBreakerOpenFor();
    }

    /** The LLM-judge tier. */
    interface Judge {

        /**
         * Model alias (as in {@code gateway.models}) that judges the answers, routed like any model call with its
         * failover and circuit breakers; unset: the tier is off.
         */
        Optional<String> model();

        /** Longest wait for the judge; the product's remaining latency budget can shorten it. */
        @WithDefault("8s")
        Duration timeout();

        /** Completion token limit of the judge's reply. */
        @WithName("max-tokens")
        @WithDefault("600")
        @jakarta.validation.constraints.Min(1)
        int maxTokens();

        /** Answer sentences judged at most (the first ones); a longer answer is judged on those. */
        @WithName("max-sentences")
        @WithDefault("20")
        int maxSentences();
    }
}
