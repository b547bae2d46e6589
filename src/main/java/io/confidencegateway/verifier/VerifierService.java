package io.confidencegateway.verifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.confidencegateway.product.VerifierCatalog;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.privacy.SecretScrubber;
import io.confidencegateway.provider.ProviderException;
import io.confidencegateway.provider.ProvidersConfig;
import io.confidencegateway.inference.GatewayError;
import io.confidencegateway.inference.InferenceFailure;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.TimeoutException;

/**
 * Runs the verifiers a product opted into, concurrently, each within the smaller of its own timeout and what is
 * left of the product's latency budget. Never fails: an error, a timeout or a malformed reply is an absent signal
 * with the reason logged and returned.
 */
@ApplicationScoped
public class VerifierService implements VerifierCatalog {

    private static final Logger LOG = Logger.getLogger(VerifierService.class);

    private final Map<String, Verifier> verifiers;
    private final SecretScrubber scrubber;

    /**
     * The scrubber knows every configured secret a verifier could send or see echoed: the entailment classifier's
     * key (its calls bypass the provider router, where provider errors are scrubbed) and the providers' keys and
     * headers (the judge's).
     */
    @Inject
    public VerifierService(@All List<Verifier> verifiers, VerifiersConfig config, ProvidersConfig providers) {
        this(verifiers, new SecretScrubber(secrets(config, providers)));
    }

    /** Verifiers whose reasons are scrubbed of key-like text only (no configured secret to search for). */
    public VerifierService(List<Verifier> verifiers) {
        this(verifiers, new SecretScrubber(List.of()));
    }

    VerifierService(List<Verifier> verifiers, SecretScrubber scrubber) {
        this.scrubber = scrubber;
        this.verifiers = verifiers.stream().collect(Collectors.toMap(Verifier::name, Function.identity(),
                (a, b) -> {
                    throw new IllegalStateException("two verifiers are named '" + a.name() + "'");
                }, TreeMap::new));
    }

    private static List<String> secrets(VerifiersConfig config, ProvidersConfig providers) {
        var secrets = new ArrayList<String>();
        config.entailment().apiKey().ifPresent(secrets::add);
        providers.providers().values().forEach(provider -> {
            provider.apiKey().ifPresent(secrets::add);
            secrets.addAll(provider.headers().values());
        });
        return secrets;
    }

    /** Every verifier name, sorted. */
    public List<String> names() {
        return List.copyOf(verifiers.keySet());
    }

    /** Why a product cannot opt into that verifier (unknown name, not configured), or empty when it can. */
    @Override
    public Optional<String> problem(String name) {
        Verifier verifier = name == null ? null : verifiers.get(name);
        if (verifier == null) {
            return Optional.of("'" + name + "' is not a verifier; known: " + String.join(", ", names()));
        }
        return verifier.unavailable().map(why -> "'" + name + "' is not configured on this gateway: " + why);
    }

    /**
     * Verifies the answer with each named verifier at once; the list follows the order of {@code wanted}.
     *
     * @param budgetLeft what remains of the product's latency budget
     */
    public Uni<List<Verification>> verify(String productId, List<String> wanted, ScoringContext context,
            Duration budgetLeft) {
        if (wanted == null || wanted.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Verification>> calls = new ArrayList<>(wanted.size());
        for (String name : wanted.stream().distinct().toList()) {
            calls.add(one(productId, name, context, budgetLeft));
        }
        return Uni.join().all(calls).andFailFast();
    }

    private Uni<Verification> one(String productId, String name, ScoringContext context, Duration budgetLeft) {
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            return Uni.createFrom().item(logged(productId, Verification.absent(name, problem.get(), null)));
        }
        Verifier verifier = verifiers.get(name);
        Duration timeout = shorter(verifier.timeout(), budgetLeft);
        if (timeout.isZero() || timeout.isNegative()) {
            return Uni.createFrom().item(logged(productId, Verification.absent(name,
                    "no time left in the product's latency budget", null)));
        }
        boolean budgetBound = timeout.compareTo(verifier.timeout()) < 0;
        long started = System.nanoTime();
        return Uni.createFrom().deferred(() -> verifier.verify(new Verifier.Input(productId, context, timeout)))
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(error -> Verification.absent(name, why(error, timeout, budgetBound),
                        null))
                .map(v -> logged(productId, v.took((System.nanoTime() - started) / 1_000_000)));
    }

    /** The shorter of two waits. */
    static Duration shorter(Duration own, Duration budgetLeft) {
        return budgetLeft.compareTo(own) < 0 ? budgetLeft : own;
    }

    private static String why(Throwable error, Duration timeout, boolean budgetBound) {
        if (error instanceof TimeoutException) {
            return "no reply within " + timeout.toMillis() + " ms (" + (budgetBound
                    ? "what was left of the product's latency budget" : "the verifier's timeout") + ")";
        }
        if (error instanceof InferenceFailure failure) {
            return "the judge model failed: " + failure.failure().message();
        }
        if (error instanceof GatewayError.Rejection rejection) {
            return "the judge model refused the request: " + rejection.error().message();
        }
        if (error instanceof ProviderException failure) {
            return "the call failed: " + failure.failure().message();
        }
        return "the call failed: " + error.getClass().getSimpleName();
    }

    /**
     * Every verification leaves the service here, so this is where a reason loses anything key-like before it is
     * logged, returned ({@code usage.verifiers[].reason}) and stored with the answer: an upstream's error body can
     * echo the key it was sent.
     */
    private Verification logged(String productId, Verification raw) {
        Verification verification = raw.absentBecause() == null ? raw
                : raw.withAbsentBecause(scrubber.scrub(raw.absentBecause()));
        if (verification.result().isEmpty()) {
            LOG.warnf("Verifier %s gave no signal for an answer of product %s: %s", verification.name(), productId,
                    verification.absentBecause());
        }
        return verification;
    }
}
