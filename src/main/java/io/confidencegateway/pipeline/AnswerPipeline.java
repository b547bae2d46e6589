package io.confidencegateway.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.provider.PricingConfig;
import io.confidencegateway.inference.InferenceService;
import io.confidencegateway.inference.InferenceFailure;
import io.confidencegateway.answer.AiResponse;
import io.confidencegateway.answer.AnswerAssembler;
import io.confidencegateway.answer.AnswerAssembler.Forced;
import io.confidencegateway.answer.AnswerPrompt;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.chat.Usage;
import io.confidencegateway.confidence.ConfidenceModel;
import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.confidence.ConfidenceScorer;
import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.knowledge.Retriever;
import io.confidencegateway.metrics.GatewayTracing;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.confidencegateway.privacy.PiiRedactor;
import io.confidencegateway.privacy.PiiType;
import io.confidencegateway.privacy.Redaction;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.prompt.PromptService;
import io.confidencegateway.prompt.PromptVersion;
import io.confidencegateway.provider.Attempt;
import io.confidencegateway.provider.ModelCatalog;
import io.confidencegateway.verifier.Verification;
import io.confidencegateway.verifier.VerifierCosts;
import io.confidencegateway.verifier.VerifierPriors;
import io.confidencegateway.verifier.VerifierService;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The product answer, from question to stored AIResponse: product spec → PII redaction → retrieval → prompt →
 * provider route (the product's model, then the last resort) → citations → confidence → review decision → UX →
 * record. Both the native answers API and product-addressed chat completions come in here, through one entry per
 * mode: {@link #answer(AnswerQuery)} for a whole answer and {@link #stream(AnswerQuery, Consumer)} for a stream;
 * both get the product's latency budget, the hand-off when every provider fails, and logprobs for scoring.
 */
@ApplicationScoped
public class AnswerPipeline {

    /**
     * A question made ready for a model: the spec, what was redacted, the passages, the prompt version chosen for it
     * and the prompt built from it; {@code trace} is the request's trace context, which the pipeline's spans hang
     * under whatever thread runs them.
     */
    record Grounded(String productId, ProductSpec spec, String question, Redaction redaction,
            List<Passage> passages, PromptVersion version, List<ChatMessage> prompt, long startNanos,
            Instant createdAt, boolean trial, Context trace) {
    }

    private final ProductService products;
    private final Retriever retriever;
    private final InferenceService inference;
    private final LatencyBudget latencyBudget;
    private final ConfidenceScorer scorer;
    private final PricingConfig pricing;
    private final AnswersConfig config;
    private final AnswerRecorder recorder;
    private final VerifierService verifiers;
    private final GatewayTracing tracing;
    private final PromptService prompts;
    private final PiiRedactor redactor = new PiiRedactor();

    public AnswerPipeline(ProductService products, Retriever retriever, InferenceService inference,
            ModelCatalog catalog, @All List<ConfidenceSignal> signals, AnswerRecorder recorder, PricingConfig pricing,
            AnswersConfig config, VerifierService verifiers, GatewayTracing tracing, PromptService prompts) {
        this.recorder = recorder;
        this.tracing = tracing;
        this.prompts = prompts;
        this.verifiers = verifiers;
        this.products = products;
        this.retriever = retriever;
        this.inference = inference;
        this.latencyBudget = new LatencyBudget(catalog, config, this::finish);
        // The verifier tiers' prior weights join the shipped model here (see VerifierPriors); only signals the model
        // weighs are run.
        this.scorer = ConfidenceScorer.serving(VerifierPriors.over(ConfidenceModel.shipped()), signals);
        this.pricing = pricing;
        this.config = config;
    }

    /**
     * A finished answer and how its model call was routed (the alias addressed, every provider attempt): what an API
     * needs to show it in its own shape. The last chunk(s) of a stream carry one in their {@code gateway} slot.
     */
    public record Answered(AiResponse response, String alias, List<Attempt> attempts) {

        static Answered of(AiResponse response, InferenceService.Prepared prepared) {
            return new Answered(response, prepared.route().alias(), prepared.trace().attempts());
        }
    }

    /**
     * The whole answer: ground, ask the route within the latency budget, then score, decide, queue for review,
     * store. Throws a 404 or 400 problem at once for an unknown product or a missing or too long question.
     */
    public Uni<Answered> answer(AnswerQuery query) {
        return ground(query).chain(grounded -> {
            InferenceService.Prepared prepared = prepare(grounded, upstreamRequest(grounded,
                    query.options() == null ? null : query.options().withStream(false)));
            return respond(grounded, prepared, query.userId(), query.conversationId())
                    .map(response -> Answered.of(response, prepared));
        });
    }

    /**
     * The answer as chunks: tokens as they come, the verdict (an {@link Answered} in the {@code gateway} slot) on
     * the finish chunk and on the usage chunk when asked for; a hand-off or an over-budget outcome as a graceful end (see
     * {@link AnswerStream}). {@code onId} learns the inference id before the first chunk. Throws a 404 or 400 problem
     * at once, as {@link #answer(AnswerQuery)} does.
     */
    public Multi<ChatChunk> stream(AnswerQuery query, Consumer<String> onId) {
        return ground(query).onItem().transformToMulti(grounded -> {
            InferenceService.Prepared prepared = prepare(grounded, upstreamRequest(grounded, query.options()));
            onId.accept(prepared.id().toString());
            return new AnswerStream(this, latencyBudget, inference, grounded, prepared, query).chunks();
        });
    }

    /** The spec of a product, or a 404 problem naming it. */
    private ProductSpec spec(String productId) {
        return products.find(productId).orElseThrow(() -> ProblemException.notFound("No product has the id '"
                + productId + "'; GET /v1/products lists them"));
    }

    /** Redacts (as the product wants), retrieves passages and builds the prompt. */
    private Uni<Grounded> ground(AnswerQuery query) {
        String productId = query.productId();
        String question = query.question();
        List<ChatMessage> earlierTurns = query.earlierTurns() == null ? List.of() : query.earlierTurns();
        ProductSpec spec = spec(productId);
        if (question == null || question.isBlank()) {
            throw badRequest("question", "must not be empty");
        }
        if (question.length() > config.maxQuestionChars()) {
            throw badRequest("question", "at most " + config.maxQuestionChars()
                    + " characters (gateway.answers.max-question-chars), got " + question.length());
        }
        long started = System.nanoTime();
        Instant createdAt = Instant.now();
        Context trace = GatewayTracing.current();
        List<ChatMessage> recent = earlierTurns.subList(Math.max(0, earlierTurns.size() - config.maxTurns()),
                earlierTurns.size());
        // Redaction is regex work over the question and up to max-turns earlier turns: on a worker, never on the
        // event loop the chat route calls from; without redaction there is nothing to move off it.
        Uni<Redacted> redacted = spec.piiHandling() == ProductSpec.PiiHandling.REDACT
                ? Uni.createFrom().item(() -> redact(question, recent))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                : Uni.createFrom().item(new Redacted(new Redaction(question, Map.of()), recent));
        // The version is chosen before retrieval: it may ask for another number of passages.
        Uni<PromptVersion> chosen = query.promptVersion() != null ? prompts.find(productId, query.promptVersion())
                : prompts.choose(productId, query.conversationId(), query.userId());
        return redacted.chain(r -> chosen
                .chain(version -> tracing.span(trace, "gateway.retrieval",
                        (span, found) -> span.setAttribute("gateway.passages", found.size()),
                        () -> retriever.retrieve(productId, r.question().text(),
                                version.passages() != null ? version.passages() : config.passages())).map(found -> {
                            var passages = new ArrayList<Passage>(found.size());
                            for (int i = 0; i < found.size(); i++) {
                                passages.add(found.get(i).numbered(i + 1));
                            }
                            return new Grounded(productId, spec, r.question().text(), r.question(), passages, version,
                                    AnswerPrompt.messages(spec, version.instructions(), passages, r.turns(),
                                            r.question().text()), started, createdAt, query.trial(), trace);
                        })));
    }

    /** The question and earlier turns with PII replaced; the counts are over all of them. */
    private record Redacted(Redaction question, List<ChatMessage> turns) {
    }

    private Redacted redact(String question, List<ChatMessage> recent) {
        Redaction redaction = redactor.redact(question);
        var counts = new LinkedHashMap<>(redaction.counts());
        var turns = new ArrayList<ChatMessage>(recent.size());
        for (ChatMessage turn : recent) {
            Redaction scrubbed = redactor.redact(turn.text());
            scrubbed.counts().forEach((type, n) -> counts.merge(type, n, Integer::sum));
            turns.add(ChatMessage.of(turn.role(), scrubbed.text()));
        }
        return new Redacted(new Redaction(redaction.text(), counts), turns);
    }

    /**
     * The chat request a grounded question goes upstream as; caller parameters (temperature, stop…) are kept
     * when given; logprobs are asked for, and left out for targets that cannot give them.
     */
    private ChatRequest upstreamRequest(Grounded grounded, ChatRequest caller) {
        PromptVersion version = grounded.version();
        String alias = version.model() != null ? version.model()
                : grounded.spec().model() != null ? grounded.spec().model() : products.modelAliasFor(grounded.spec());
        Double temperature = caller != null && caller.temperature() != null ? caller.temperature()
                : version.temperature() != null ? version.temperature() : config.temperature();
        Integer maxTokens = caller != null && caller.outputTokenLimit() != null ? caller.outputTokenLimit()
                : config.maxTokens();
        return new ChatRequest(alias, grounded.prompt(), caller == null ? null : caller.stream(),
                caller == null ? null : caller.streamOptions(), temperature, caller == null ? null : caller.topP(),
                null, maxTokens, null, caller == null ? null : caller.stop(), caller == null ? null : caller.seed(),
                caller == null ? null : caller.user(), Boolean.TRUE, null, null, null, null, null,
                null, null, null, null).withGrounding(grounded.passages());
    }

    /**
     * Routes the request with the product's last resort behind it, in the request's trace context (so the provider
     * attempts' spans hang under the request's, although retrieval may have moved the pipeline to another thread).
     */
    private InferenceService.Prepared prepare(Grounded grounded, ChatRequest upstream) {
        try (Scope ignored = grounded.trace().makeCurrent()) {
            return inference.prepare(upstream, new InferenceService.Purpose(InferenceService.API_ANSWERS,
                    config.lastResort(), true, grounded.spec().dataResidency()));
        }
    }

    /**
     * Asks the route within what is left of the product's latency budget; when the budget runs out or every
     * provider fails, the question is handed off to a person instead of waiting or failing.
     */
    private Uni<AiResponse> respond(Grounded grounded, InferenceService.Prepared prepared, String userId,
            String conversationId) {
        Duration budget = LatencyBudget.of(grounded);
        Duration left = LatencyBudget.left(grounded);
        if (left.isNegative() || left.isZero()) {
            left = Duration.ofMillis(1);
        }
        // The only reason this caller cancels a whole answer's call: its record says so, not "client disconnected".
        prepared.stopBecause(LatencyBudget.stop(budget));
        return inference.complete(prepared)
                .ifNoItem().after(left).failWith(() -> new LatencyBudget.Exhausted(budget))
                .chain(answer -> finish(grounded, prepared, new Produced(answer.firstText(), answer.usage(),
                        answer.choices().get(0).logprobs(), null, true), userId, conversationId, null))
                .onFailure(LatencyBudget.Exhausted.class).recoverWithUni(exhausted -> latencyBudget
                        .overBudget(grounded, prepared, budget, userId, conversationId))
                .onFailure(InferenceFailure.class).recoverWithUni(failure -> providersFailed(grounded, prepared,
                        failure, userId, conversationId));
    }

    /** Every provider failed before producing anything: the question is handed off to a person. */
    Uni<AiResponse> providersFailed(Grounded grounded, InferenceService.Prepared prepared, InferenceFailure failure,
            String userId, String conversationId) {
        return finish(grounded, prepared, Produced.NOTHING, userId, conversationId, new Forced("providers_failed",
                "every provider failed: " + failure.getMessage(), true));
    }

    /**
     * What a provider produced: the text, its usage and logprobs when known, who produced it when that is
     * not the route's own answer (null: the target the route served), and whether the product's verifier tiers
     * check it.
     */
    record Produced(String content, Usage usage, Logprobs logprobs, ModelCatalog.Target by, boolean verify) {
        static final Produced NOTHING = new Produced("", null, null, null, false);
    }

    /** The answer's analysis and its in-process signals, computed once on a worker. */
    private record Scoring(ScoringContext context, List<ConfidenceScorer.Reading> readings) {
    }

    /**
     * Scores the answer text, decides review, queues it for a person when the decision says so (a hand-off gets its
     * ticket), assembles the AIResponse once, and stores it. Scoring is CPU work of a few milliseconds, so it runs
     * on a worker.
     */
    Uni<AiResponse> finish(Grounded grounded, InferenceService.Prepared prepared, Produced produced,
            String userId, String conversationId, Forced forced) {
        return tracing.span(grounded.trace(), "gateway.scoring",
                (span, draft) -> GatewayTracing.evaluation(span, "confidence", draft.score().confidence(),
                        draft.score().confidenceLabel()),
                () -> scored(grounded, prepared, produced))
                .map(draft -> AnswerAssembler.judge(draft, forced))
                .chain(judged -> recorder.record(grounded, judged, userId, conversationId,
                        prepared.spender() == null ? null : prepared.spender().id()));
    }

    /**
     * Scores the answer: the in-process signals on a worker, then (when the product opted in and there is an
     * answer to check) its verifier tiers concurrently within what is left of the latency budget, then the
     * combination into the draft, back on a worker.
     */
    private Uni<AnswerAssembler.Draft> scored(Grounded grounded, InferenceService.Prepared prepared,
            Produced produced) {
        return Uni.createFrom().item(() -> {
            ScoringContext context = ScoringContext.of(grounded.question(), grounded.passages(), produced.content(),
                    produced.logprobs());
            return new Scoring(context, scorer.evaluate(context));
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).chain(scoring -> {
            List<String> wanted = produced.verify() && !produced.content().isBlank()
                    && !produced.content().contains(AnswerPrompt.NO_ANSWER) ? grounded.spec().verifierNames()
                            : List.of();
            if (wanted.isEmpty()) {
                return Uni.createFrom().item(draft(grounded, prepared, produced, scoring, List.of()));
            }
            return verifiers.verify(grounded.productId(), wanted, scoring.context(), LatencyBudget.left(grounded))
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(verified -> draft(grounded, prepared, produced, scoring, verified));
        });
    }

    private AnswerAssembler.Draft draft(Grounded grounded, InferenceService.Prepared prepared,
            Produced produced, Scoring scoring, List<Verification> verified) {
        String content = produced.content();
        Usage usage = produced.usage();
        ProductSpec spec = grounded.spec();
        var readings = new ArrayList<>(scoring.readings());
        verified.forEach(v -> readings.add(new ConfidenceScorer.Reading(v.name(), v.result())));
        ConfidenceScore score = scorer.combine(readings, scoring.context(), spec.effectiveThresholds());
        ModelCatalog.Target served = produced.by() != null ? produced.by()
                : InferenceService.servedOrPrimary(prepared);
        AiResponse.UsageView usageView = VerifierCosts.usage(usage, usage == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(cost(served, usage)), verified);
        var redactions = new LinkedHashMap<String, Integer>();
        grounded.redaction().counts().forEach((type, n) -> redactions.put(name(type), n));
        return new AnswerAssembler.Draft(prepared.id().toString(), grounded.productId(), spec,
                grounded.passages(), content, score, redactions, served.provider().id(), served.upstreamModel(),
                usageView, Duration.ofNanos(System.nanoTime() - grounded.startNanos()).toMillis(),
                grounded.createdAt(), grounded.version().version());
    }

    /** Dollars from the model's price; $0 for a provider inside the gateway; null when the price is unknown. */
    private Double cost(ModelCatalog.Target served, Usage usage) {
        if (served.provider().inProcess()) {
            return 0.0;
        }
        return pricing.cost(served.upstreamModel(), usage.promptTokens(), usage.completionTokens())
                .map(c -> Math.round(c * 1e8) / 1e8).orElse(null);
    }

    private static String name(PiiType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    private static ProblemException badRequest(String field, String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, field + ": " + message, null,
                List.of(new Problem.FieldError(field, message))));
    }
}
