package io.confidencegateway.evaluation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.confidencegateway.pipeline.AnswerPipeline;
import io.confidencegateway.pipeline.AnswerQuery;
import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.product.ProductService;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.product.PromptGate;
import io.confidencegateway.prompt.PromotionGate;
import io.confidencegateway.prompt.PromptService;
import io.confidencegateway.store.Database;
import io.confidencegateway.store.Ids;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Golden sets, evaluations of prompt versions through the real pipeline (the version's own instructions, model,
 * temperature and passages; the answers are scored like any other but neither stored nor queued), and the gate on
 * moving production that reads them.
 */
@ApplicationScoped
public class EvaluationService implements PromotionGate {

    private static final Logger LOG = Logger.getLogger(EvaluationService.class);

    private final Database database;
    private final EvaluationRepository repository;
    private final PromptService prompts;
    private final AnswerPipeline pipeline;
    private final ProductService products;
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    // The cause (a database error, most likely) is in the log; the client gets what to do.
    private static final String BROKE = "the evaluation broke off on an error (see the gateway log); start it again";

    public EvaluationService(Database database, EvaluationRepository repository, PromptService prompts,
            AnswerPipeline pipeline, ProductService products) {
        this.products = products;
        this.database = database;
        this.repository = repository;
        this.prompts = prompts;
        this.pipeline = pipeline;
    }

    /** Replaces the product's golden set; 404 for an unknown product, 400 naming every bad field. */
    public Uni<GoldenSet> putGoldenSet(String product, GoldenSet.Body body) {
        prompts.requireProduct(product);
        List<Problem.FieldError> errors = GoldenSetValidator.check(body);
        if (!errors.isEmpty()) {
            throw new ProblemException(new Problem("about:blank", "Bad Request", 400, "Invalid golden set: "
                    + String.join("; ", errors.stream().map(e -> e.field() + " " + e.message()).toList()), null,
                    errors));
        }
        var set = new GoldenSet(product, List.copyOf(body.questions()), Instant.now());
        return database.transaction(connection -> {
            repository.putGoldenSet(connection, set);
            return set;
        });
    }

    public Uni<GoldenSet> goldenSet(String product) {
        prompts.requireProduct(product);
        return database.transaction(connection -> repository.goldenSet(connection, product))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Product '" + product + "' has no "
                        + "golden set yet; PUT /v1/products/" + product + "/golden-set with its questions")));
    }

    /**
     * Starts an evaluation of the version over the golden set and answers at once with it (status running); the
     * questions are answered one after the other in the background.
     */
    public Uni<Evaluation> start(String product, int version) {
        return prompts.find(product, version).chain(found -> database.transaction(connection -> {
            GoldenSet set = repository.goldenSet(connection, product).orElseThrow(() -> new ProblemException(
                    new Problem("about:blank", "Conflict", 409, "Product '" + product + "' has no golden set to "
                            + "evaluate on; PUT /v1/products/" + product + "/golden-set first", null, null)));
            Instant now = Instant.now();
            var evaluation = new Evaluation(Ids.next(), product, version, Evaluation.RUNNING,
                    set.questions().size(), 0, null, List.of(), now, null, now, null);
            repository.insert(connection, evaluation);
            return new Started(evaluation, set);
        })).invoke(started -> run(started.evaluation(), started.set())).map(Started::evaluation);
    }

    private record Started(Evaluation evaluation, GoldenSet set) {
    }

    /** An evaluation with its progress, or its report once finished; 404 when the product has none with that id. */
    public Uni<Evaluation> find(String product, UUID id) {
        prompts.requireProduct(product);
        return database.transaction(connection -> repository.find(connection, product, id))
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("Product '" + product + "' has no "
                        + "evaluation " + id + "; POST /v1/products/" + product + "/prompts/{version}/evaluations "
                        + "starts one")));
    }

    @Override
    public Uni<List<String>> failures(String product, int from, int to) {
        PromptGate gate = products.find(product).map(ProductSpec::promptGate).orElse(null);
        return database.transaction(connection -> {
            Optional<Evaluation> next = repository.latestFinished(connection, product, to);
            Optional<Evaluation> now = repository.latestFinished(connection, product, from);
            var missing = new ArrayList<String>();
            if (next.isEmpty()) {
                missing.add(needsEvaluation(product, to, "the candidate"));
            }
            if (now.isEmpty()) {
                missing.add(needsEvaluation(product, from, "production, to compare with"));
            }
            if (!missing.isEmpty()) {
                return missing;
            }
            return PromotionGatePolicy.failures(to, next.get().summary(), from, now.get().summary(), gate);
        });
    }

    private static String needsEvaluation(String product, int version, String role) {
        return "no finished evaluation of version " + version + " (" + role + "): POST /v1/products/" + product
                + "/prompts/" + version + "/evaluations and wait until its status is finished";
    }

    /** The evaluations this replica is running now, whose leases it keeps refreshing. */
    Set<UUID> runningHere() {
        return Set.copyOf(runningHere);
    }

    /**
     * One lease round: refreshes the heartbeat of the evaluations running here, then fails every running one whose
     * heartbeat is older than the lease (its replica stopped). Blocking JDBC: call it on a worker thread.
     * Returns the ids it failed.
     */
    List<UUID> keepLeases(Duration lease) {
        Instant now = Instant.now();
        Set<UUID> mine = runningHere();
        return database.inTransaction(connection -> {
            if (!mine.isEmpty()) {
                repository.heartbeat(connection, mine, now);
            }
            return repository.expire(connection, now.minus(lease), now, Evaluation.RUNNER_STOPPED);
        });
    }

    private void run(Evaluation evaluation, GoldenSet set) {
        runningHere.add(evaluation.id());
        AtomicInteger done = new AtomicInteger();
        List<Evaluation.QuestionResult> results = Collections.synchronizedList(new ArrayList<>());
        Multi.createFrom().iterable(set.questions())
                .onItem().transformToUniAndConcatenate(golden -> pipeline.answer(AnswerQuery.trial(
                        evaluation.product(), golden.question(), evaluation.version()))
                        .map(answered -> EvaluationScorer.score(golden, answered.response()))
                        .onFailure().recoverWithItem(failure -> EvaluationScorer.failed(golden,
                                "no answer: " + failure.getMessage()))
                        .call(result -> {
                            results.add(result);
                            int completed = done.incrementAndGet();
                            return database.transaction(c -> {
                                repository.progress(c, evaluation.id(), completed, Instant.now());
                                return completed;
                            });
                        }))
                .collect().last()
                .chain(ignored -> database.transaction(c -> repository.finish(c, evaluation.id(),
                        Evaluation.FINISHED, new EvaluationRepository.Report(EvaluationScorer.summarize(results),
                                List.copyOf(results)), results.size(), Instant.now(), null)))
                .eventually(() -> runningHere.remove(evaluation.id()))
                .subscribe().with(stored -> {
                    if (stored) {
                        LOG.infof("Evaluation %s of %s version %d finished: %d questions", evaluation.id(),
                                evaluation.product(), evaluation.version(), results.size());
                    } else {
                        LOG.warnf("Evaluation %s of %s version %d finished after its lease expired; it stays failed",
                                evaluation.id(), evaluation.product(), evaluation.version());
                    }
                }, failure -> {
                    LOG.warnf("Evaluation %s of %s version %d failed: %s", evaluation.id(),
                            evaluation.product(), evaluation.version(), failure.toString());
                    database.transaction(c -> repository.finish(c, evaluation.id(), Evaluation.FAILED, null,
                            results.size(), Instant.now(), BROKE)).subscribe().with(x -> { },
                                    again -> LOG.warn("could not mark the evaluation failed"));
                });
    }
}
