package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.metrics.GatewayMetrics;
import io.quarkus.arc.All;

/**
 * Scores answers for {@code POST /v1/score}: checks the input against the configured limits, analyses it once and
 * runs every {@link ConfidenceSignal} bean through the shipped model. The evaluation tool uses the same
 * {@link ConfidenceScorer}, so offline numbers describe this code.
 */
@ApplicationScoped
public class ScoringService {

    private final ConfidenceScorer scorer;
    private final List<String> collected;
    private final ScoringConfig config;
    private final GatewayMetrics metrics;

    public ScoringService(@All List<ConfidenceSignal> signals, ScoringConfig config, GatewayMetrics metrics) {
        this.scorer = ConfidenceScorer.serving(ConfidenceModel.shipped(), signals);
        this.collected = signals.stream().map(ConfidenceSignal::name).sorted().toList();
        this.config = config;
        this.metrics = metrics;
    }

    public ConfidenceScore score(ScoreRequest request) {
        return scoreChecked(request, "");
    }

    public ScoreRequest.BatchResult scoreBatch(ScoreRequest.Batch batch) {
        if (batch == null || batch.items() == null || batch.items().isEmpty()) {
            throw invalid(List.of(new Problem.FieldError("items", "must hold at least one item")));
        }
        if (batch.items().size() > config.maxBatchItems()) {
            throw invalid(List.of(new Problem.FieldError("items", "at most " + config.maxBatchItems()
                    + " items per batch (gateway.score.max-batch-items), got " + batch.items().size())));
        }
        List<ConfidenceScore> results = new ArrayList<>(batch.items().size());
        for (int i = 0; i < batch.items().size(); i++) {
            results.add(scoreChecked(batch.items().get(i), "items[" + i + "]."));
        }
        return new ScoreRequest.BatchResult(results);
    }

    /** The signal names CDI collected, for checks that the offline catalog sees the same set. */
    public List<String> signalNames() {
        return collected;
    }

    private ConfidenceScore scoreChecked(ScoreRequest request, String prefix) {
        if (request == null) {
            throw invalid(List.of(new Problem.FieldError(prefix.isEmpty() ? "body" : prefix.substring(0,
                    prefix.length() - 1), "must be a JSON object")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Passage> passages = passages(request.passages(), prefix, errors);
        String answer = request.answer();
        if (answer == null || answer.isBlank()) {
            errors.add(new Problem.FieldError(prefix + "answer", "must not be empty"));
        } else if (answer.length() > config.maxAnswerChars()) {
            errors.add(new Problem.FieldError(prefix + "answer", "at most " + config.maxAnswerChars()
                    + " characters (gateway.score.max-answer-chars), got " + answer.length()));
        }
        Thresholds thresholds = thresholds(request.thresholds(), prefix, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        long started = System.nanoTime();
        ConfidenceScore score = scorer.score(ScoringContext.of(request.question(), passages, answer,
                request.logprobs()), thresholds);
        metrics.recordScoring(score.confidenceLabel(), System.nanoTime() - started);
        return score;
    }

    private List<Passage> passages(List<JsonNode> nodes, String prefix, List<Problem.FieldError> errors) {
        if (nodes == null || nodes.isEmpty()) {
            errors.add(new Problem.FieldError(prefix + "passages", "must hold at least one passage"));
            return List.of();
        }
        if (nodes.size() > config.maxPassages()) {
            errors.add(new Problem.FieldError(prefix + "passages", "at most " + config.maxPassages()
                    + " passages (gateway.score.max-passages), got " + nodes.size()));
            return List.of();
        }
        List<Passage> out = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < nodes.size(); i++) {
            String field = prefix + "passages[" + i + "]";
            JsonNode node = nodes.get(i);
            String text;
            String source = "passage-" + (i + 1);
            Integer page = null;
            if (node != null && node.isTextual()) {
                text = node.asText();
            } else if (node != null && node.isObject() && node.path("text").isTextual()) {
                text = node.get("text").asText();
                if (node.hasNonNull("source")) {
                    source = node.get("source").isTextual() ? node.get("source").asText() : null;
                }
                if (node.hasNonNull("page")) {
                    page = node.get("page").canConvertToInt() && node.get("page").isIntegralNumber()
                            && node.get("page").asInt() >= 1 ? node.get("page").asInt() : -1;
                }
                if (source == null || page != null && page < 1) {
                    errors.add(new Problem.FieldError(field, "source must be a string and page a positive integer"));
                    continue;
                }
            } else {
                errors.add(new Problem.FieldError(field, "must be a string or an object {source, page?, text}"));
                continue;
            }
            if (text.isBlank()) {
                errors.add(new Problem.FieldError(field, "text must not be empty"));
            } else if (text.length() > config.maxPassageChars()) {
                errors.add(new Problem.FieldError(field, "at most " + config.maxPassageChars()
                        + " characters (gateway.score.max-passage-chars), got " + text.length()));
            }
            total += text.length();
            out.add(new Passage(i + 1, source, page, text));
        }
        if (total > config.maxTotalPassageChars()) {
            errors.add(new Problem.FieldError(prefix + "passages", "at most " + config.maxTotalPassageChars()
                    + " characters in all (gateway.score.max-total-passage-chars), got " + total));
        }
        return out;
    }

    private Thresholds thresholds(ScoreRequest.ThresholdsInput input, String prefix,
            List<Problem.FieldError> errors) {
        double high = input == null || input.high() == null ? config.highThreshold() : input.high();
        double medium = input == null || input.medium() == null ? config.mediumThreshold() : input.medium();
        if (!(medium >= 0 && medium <= high && high <= 1)) {
            errors.add(new Problem.FieldError(prefix + "thresholds", "need 0 <= medium <= high <= 1"));
            return Thresholds.DEFAULT;
        }
        return new Thresholds(high, medium);
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, null, errors));
    }
}
