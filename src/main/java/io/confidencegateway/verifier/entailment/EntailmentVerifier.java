package io.confidencegateway.verifier.entailment;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.provider.CircuitBreaker;
import io.confidencegateway.provider.ProviderSettings;
import io.confidencegateway.provider.ResidencyPolicy;
import io.confidencegateway.provider.http.UpstreamClient;
import io.confidencegateway.verifier.Verification;
import io.confidencegateway.verifier.Verifier;
import io.confidencegateway.verifier.VerifiersConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The entailment tier: every (passage, answer sentence) pair to a pair classifier behind text-embeddings-inference's
 * {@code POST /predict} ({@code {"inputs": [[premise, hypothesis], …]}} in, one list of {@code {label, score}} per
 * pair out), on the non-blocking upstream client. Batches over TEI's limit go as concurrent requests; a circuit
 * breaker skips a classifier that keeps failing. A product with a {@code data_residency} sends only to a classifier
 * declared in its region ({@code gateway.verifiers.entailment.region}).
 */
@ApplicationScoped
public class EntailmentVerifier implements Verifier {

    /** The verifier and signal name. */
    public static final String NAME = "entailment";

    private final VerifiersConfig.Entailment config;
    private final Map<String, Double> labels;
    private final ObjectMapper json;
    private final UpstreamClient http;
    private final String predictUrl;
    private final CircuitBreaker breaker;
    private final String region;
    private final Function<String, Optional<String>> residencyOf;

    @Inject
    public EntailmentVerifier(VerifiersConfig config, Vertx vertx, ObjectMapper json, ProductService products) {
        this(config, vertx, json, id -> products.find(id).map(ProductSpec::dataResidency));
    }

    /** With {@code residencyOf} giving a product's {@code data_residency} by id (empty: none). */
    EntailmentVerifier(VerifiersConfig config, Vertx vertx, ObjectMapper json,
            Function<String, Optional<String>> residencyOf) {
        this.config = config.entailment();
        this.region = this.config.region().map(ResidencyPolicy::normalise).orElse(null);
        this.residencyOf = residencyOf;
        this.labels = EntailmentPolicy.labels(this.config.labels());
        this.json = json;
        this.breaker = new CircuitBreaker(this.config.circuitBreakerFailureThreshold(),
                this.config.circuitBreakerOpenFor(), Clock.systemUTC());
        Optional<String> url = this.config.url().filter(u -> !u.isBlank());
        if (url.isPresent()) {
            var settings = new ProviderSettings(NAME, "tei", url.get(), this.config.apiKey(), this.config.timeout(),
                    this.config.connectTimeout(), this.config.timeout(), Optional.empty(), Map.of(), 16);
            this.http = new UpstreamClient(vertx, settings);
            this.predictUrl = settings.baseUrl() + "/predict";
        } else {
            this.http = null;
            this.predictUrl = null;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration timeout() {
        return config.timeout();
    }

    @Override
    public Optional<String> unavailable() {
        return http == null ? Optional.of("set gateway.verifiers.entailment.url to a text-embeddings-inference server")
                : Optional.empty();
    }

    @Override
    public Uni<Verification> verify(Input input) {
        if (input.context().passages().isEmpty()) {
            return Uni.createFrom().item(Verification.absent(NAME, "no passages to check the answer against", null));
        }
        List<EntailmentPolicy.Pair> pairs = EntailmentPolicy.pairs(input.context(), config.maxSentences());
        if (pairs.isEmpty()) {
            return Uni.createFrom().item(Verification.absent(NAME, "the answer has no sentence to check", null));
        }
        // The classifier reads the answer and the passages: their data stays where the product's does. Checked before
        // the breaker, so a product that may not call it never takes its trial call.
        Optional<String> barred = ResidencyPolicy.barred("entailment service",
                residencyOf.apply(input.productId()).orElse(null), region);
        if (barred.isPresent()) {
            return Uni.createFrom().item(Verification.absent(NAME, barred.get(), null));
        }
        if (!breaker.tryAcquire()) {
            return Uni.createFrom().item(Verification.absent(NAME, "the classifier's circuit breaker is open after "
                    + config.circuitBreakerFailureThreshold() + " failed calls in a row; it is tried again after "
                    + config.circuitBreakerOpenFor().toSeconds() + " s", null));
        }
        var batches = new ArrayList<Uni<List<List<EntailmentPolicy.Prediction>>>>();
        int size = Math.max(1, config.maxBatch());
        for (int from = 0; from < pairs.size(); from += size) {
            batches.add(predict(pairs.subList(from, Math.min(pairs.size(), from + size))));
        }
        // A malformed reply counts as a failure too: a misconfigured classifier should stop costing every answer a call.
        return Uni.join().all(batches).andFailFast().map(parts -> {
            var predictions = new ArrayList<List<EntailmentPolicy.Prediction>>(pairs.size());
            parts.forEach(predictions::addAll);
            return Verification.of(NAME, EntailmentPolicy.assess(pairs, predictions, labels, config.supportedAt()),
                    null);
        }).onItemOrFailure().invoke((item, failure) -> {
            if (failure == null) {
                breaker.onSuccess();
            } else {
                breaker.onFailure();
            }
        }).onCancellation().invoke(breaker::onAbandoned)
                .onFailure(EntailmentPolicy.MalformedReply.class).recoverWithItem(malformed -> Verification.absent(NAME,
                        "the classifier's reply was malformed: " + malformed.getMessage(), null));
    }

    private Uni<List<List<EntailmentPolicy.Prediction>>> predict(List<EntailmentPolicy.Pair> batch) {
        var inputs = batch.stream().map(p -> List.of(p.premise(), p.hypothesis())).toList();
        // truncate: a long passage is cut to the model's window instead of failing the whole batch with a 413.
        Buffer body = UpstreamClient.json(json, Map.of("inputs", inputs, "truncate", true));
        Map<String, String> headers = config.apiKey().filter(k -> !k.isBlank())
                .map(k -> Map.of("Content-Type", "application/json", "Accept", "application/json",
                        "Authorization", "Bearer " + k))
                .orElse(Map.of("Content-Type", "application/json", "Accept", "application/json"));
        return http.post(predictUrl, headers, body).map(reply -> {
            JsonNode tree;
            try {
                tree = json.readTree(reply.getBytes());
            } catch (IOException e) {
                throw new EntailmentPolicy.MalformedReply("the reply is not JSON");
            }
            return EntailmentPolicy.predictions(tree, batch.size());
        });
    }
}
