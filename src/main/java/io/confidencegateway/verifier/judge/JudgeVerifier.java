package io.confidencegateway.verifier.judge;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.provider.PricingConfig;
import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.verifier.Verification;
import io.confidencegateway.verifier.Verifier;
import io.confidencegateway.verifier.VerifiersConfig;
import io.smallrye.mutiny.Uni;

/**
 * The LLM-judge tier: asks a configured model alias, through the gateway's own inference pipeline (routing,
 * failover, circuit breakers, the inference record under api {@code verifier_judge}), to label each answer
 * sentence against the passages, and reads the reply strictly. Its tokens are priced like any model call.
 */
@ApplicationScoped
public class JudgeVerifier implements Verifier {

    /** The verifier and signal name. */
    public static final String NAME = "judge";
    /** The api the judge's calls are recorded under in the inference log. */
    public static final String API = "verifier_judge";

    private final VerifiersConfig.Judge config;
    private final InferenceService inference;
    private final ModelCatalog catalog;
    private final PricingConfig pricing;
    private final ProductService products;

    public JudgeVerifier(VerifiersConfig config, InferenceService inference, ModelCatalog catalog,
            PricingConfig pricing, ProductService products) {
        this.products = products;
        this.config = config.judge();
        this.inference = inference;
        this.catalog = catalog;
        this.pricing = pricing;
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
        Optional<String> alias = config.model().filter(m -> !m.isBlank());
        if (alias.isEmpty()) {
            return Optional.of("set gateway.verifiers.judge.model to a model alias");
        }
        ModelCatalog.Resolution resolution = catalog.resolve(alias.get());
        if (resolution instanceof ModelCatalog.Unknown) {
            return Optional.of("gateway.verifiers.judge.model '" + alias.get() + "' is not a model alias of this "
                    + "gateway (GET /v1/models lists them)");
        }
        if (resolution instanceof ModelCatalog.ProviderDisabled disabled) {
            return Optional.of("the judge model '" + alias.get() + "' has no enabled provider: " + disabled.reason());
        }
        return Optional.empty();
    }

    @Override
    public Uni<Verification> verify(Input input) {
        if (input.context().passages().isEmpty()) {
            return Uni.createFrom().item(Verification.absent(NAME, "no passages to check the answer against", null));
        }
        JudgePrompt.Built prompt = JudgePrompt.build(input.context(), config.maxSentences());
        if (prompt.sentenceIndexes().isEmpty()) {
            return Uni.createFrom().item(Verification.absent(NAME, "the answer has no sentence to check", null));
        }
        var request = new ChatRequest(config.model().orElseThrow(), prompt.messages(), null, null, 0.0, null, null,
                config.maxTokens(), null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
        // The judge reads the product's question, passages and answer: its data stays where the product's does.
        String residency = products.find(input.productId()).map(ProductSpec::dataResidency).orElse(null);
        InferenceService.Prepared prepared = inference.prepare(request,
                new InferenceService.Purpose(API, null, false, residency));
        return inference.complete(prepared).map(reply -> {
            Verification.Spend spend = spend(prepared, reply.usage());
            try {
                return Verification.of(NAME, JudgeReply.parse(reply.firstText(), prompt.sentenceIndexes()), spend);
            } catch (JudgeReply.Malformed malformed) {
                return Verification.absent(NAME, "the judge's reply was malformed: " + malformed.getMessage(), spend);
            }
        });
    }

    private Verification.Spend spend(InferenceService.Prepared prepared, Usage usage) {
        String model = InferenceService.servedOrPrimary(prepared).upstreamModel();
        if (usage == null) {
            return new Verification.Spend(model, 0, 0, null);
        }
        Double cost = pricing.cost(model, usage.promptTokens(), usage.completionTokens())
                .map(c -> Math.round(c * 1e8) / 1e8).orElse(null);
        return new Verification.Spend(model, usage.promptTokens(), usage.completionTokens(), cost);
    }
}
