package io.confidencegateway.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.confidence.Thresholds;

/**
 * Turns a drafted answer and its score into the AIResponse: citations, summary, review decision, suggested
 * actions, UX treatment and the verdict of each defence layer. Pure: every number and sentence here is testable
 * without the gateway.
 */
public final class AnswerAssembler {

    /** Everything known about one drafted answer, with the prompt version that produced it. */
    public record Draft(String id, String productId, ProductSpec spec, List<Passage> passages,
            String content, ConfidenceScore score, Map<String, Integer> redactions, String provider, String model,
            AiResponse.UsageView usage, long latencyMs, Instant createdAt, int promptVersion) {
    }

    /**
     * A decision taken before the draft could be judged: a hand-off ({@code handOff}), or a draft served in the
     * model's place that an agent must review; {@code reason} is its code (e.g. {@code latency_budget},
     * {@code providers_failed}) and {@code why} says it in words.
     */
    public record Forced(String reason, String why, boolean handOff) {
    }

    /**
     * A draft with its citations checked and the review decision taken — everything the review queue and the
     * response need, decided once. {@code handoffReason} is null unless the draft is not offered;
     * {@code queueReason} is why it goes to the queue, null when it is delivered as is.
     */
    public record Judged(Draft draft, CitationExtractor.Extraction extraction, ReviewPolicy.Decision decision,
            boolean answered, String handoffReason, String queueReason) {

        /** Whether a person must see it: a review item, or a hand-off ticket. */
        public boolean queued() {
            return queueReason != null;
        }
    }

    /** The response and the decision behind it. */
    public record Assembled(AiResponse response, ReviewPolicy.Decision decision) {
    }

    private AnswerAssembler() {
    }

    /**
     * Checks the draft's citations and takes the review decision: the product's policy, with a decision forced by
     * the pipeline (null for none) put first. A forced hand-off wins; so does the policy's own hand-off over a forced
     * review. Pure.
     */
    public static Judged judge(Draft draft, Forced forced) {
        ProductSpec spec = draft.spec();
        Thresholds thresholds = spec.effectiveThresholds();
        var extraction = CitationExtractor.extract(draft.content(), draft.passages());
        boolean answered = !draft.content().contains(AnswerPrompt.NO_ANSWER) && !draft.content().isBlank();
        ConfidenceScore score = draft.score();
        ReviewPolicy.Decision decision = ReviewPolicy.decide(new ReviewPolicy.Facts(spec.humanReviewRequired(),
                spec.requiresCitations(), score.confidence(), thresholds.review(), thresholds.fallback(),
                score.unsupportedClaims().size(), extraction.issues().size(), extraction.citations().size(),
                answered));
        String handoffReason = forced != null && forced.handOff() ? forced.reason()
                : decision.outcome() == ReviewPolicy.Outcome.HAND_OFF ? (answered ? "low_confidence" : "no_answer")
                        : null;
        if (forced != null) {
            var reasons = new ArrayList<String>();
            reasons.add(forced.why());
            // A hand-off decided before any draft (budget, provider failures): its reason comes first, and an
            // empty draft is not "the knowledge base has no answer".
            decision.reasons().stream().filter(r -> handoffReason == null || answered
                    || !r.equals(ReviewPolicy.NO_ANSWER_REASON)).forEach(reasons::add);
            decision = new ReviewPolicy.Decision(handoffReason != null ? ReviewPolicy.Outcome.HAND_OFF
                    : ReviewPolicy.Outcome.REVIEW, true, List.copyOf(reasons));
        }
        String queueReason = handoffReason != null ? handoffReason
                : decision.outcome() == ReviewPolicy.Outcome.DELIVER ? null
                : forced != null ? forced.reason()
                : score.confidence() < thresholds.review() ? "low_confidence"
                : !score.unsupportedClaims().isEmpty() || !extraction.issues().isEmpty() ? "validation_failed"
                : "review_required";
        return new Judged(draft, extraction, decision, answered, handoffReason, queueReason);
    }

    /**
     * The AIResponse of a judged draft, built once; {@code handoff} (the ticket) replaces the draft's content when
     * the draft is not offered, null otherwise.
     */
    public static Assembled assemble(Judged judged, AiResponse.Handoff handoff) {
        Draft draft = judged.draft();
        Thresholds thresholds = draft.spec().effectiveThresholds();
        var extraction = judged.extraction();
        ConfidenceScore score = draft.score();
        ReviewPolicy.Decision decision = judged.decision();
        var citations = extraction.citations().stream()
                .map(c -> new Citation(c.index(), c.source(), c.page(), c.text(), support(c.index(), draft, score)))
                .toList();
        boolean handedOff = handoff != null;
        String content = handedOff ? handoff.message() : draft.content();
        var response = new AiResponse(draft.id(), draft.productId(), content,
                handedOff ? handoff.message() : Summaries.of(draft.content()), score.confidence(),
                score.confidenceLabel(), handedOff ? List.of() : citations,
                handedOff ? List.of() : extraction.issues(),
                ReviewPolicy.suggestedActions(decision.outcome(), judged.answered() && !handedOff),
                decision.requiresHumanReview(), decision.reasons(), handedOff ? UxTreatment.HANDOFF
                        : UxTreatment.forLabel(score.confidenceLabel()),
                score.signals(), score.unsupportedClaims(),
                defenses(draft, extraction, score, decision, thresholds), handoff, draft.redactions(),
                draft.provider(), draft.model(), draft.promptVersion(), draft.usage(), draft.latencyMs(),
                draft.createdAt());
        return new Assembled(response, decision);
    }

    private static Double support(int index, Draft draft, ConfidenceScore score) {
        // The claim-support signal judges sentences, not citations; a cited passage is "supported" to the degree
        // that no sentence citing it was flagged.
        Set<Integer> flagged = new LinkedHashSet<>();
        score.unsupportedClaims().forEach(c -> flagged.add(c.sentenceIndex()));
        List<String> sentences = AnswerSentences.split(draft.content());
        int citing = 0;
        int supported = 0;
        for (int s = 0; s < sentences.size(); s++) {
            if (CitationExtractor.markersIn(sentences.get(s)).contains(index)) {
                citing++;
                if (!flagged.contains(s)) {
                    supported++;
                }
            }
        }
        return citing == 0 ? null : Math.round(100.0 * supported / citing) / 100.0;
    }

    private static AiResponse.Defenses defenses(Draft draft, CitationExtractor.Extraction extraction,
            ConfidenceScore score, ReviewPolicy.Decision decision, Thresholds thresholds) {
        String grounding;
        if (draft.passages().isEmpty()) {
            grounding = "No passage in the knowledge base matched the question.";
        } else {
            var sources = new LinkedHashSet<String>();
            draft.passages().forEach(p -> sources.add(p.source()));
            grounding = draft.passages().size() + " passages retrieved from " + String.join(", ", sources) + "; "
                    + extraction.citedSentences() + " of " + extraction.sentences() + " answer sentences cite them.";
        }
        String validation;
        int unsupported = score.unsupportedClaims().size();
        if (unsupported == 0 && extraction.issues().isEmpty()) {
            validation = "Every claim checked against the passages; none unsupported.";
        } else {
            var parts = new StringBuilder();
            if (unsupported > 0) {
                parts.append(unsupported).append(unsupported == 1 ? " claim lacks" : " claims lack")
                        .append(" support: ");
                parts.append(String.join("; ", score.unsupportedClaims().stream().limit(3)
                        .map(c -> "sentence " + (c.sentenceIndex() + 1) + " (" + c.reason() + ")").toList()));
            }
            if (!extraction.issues().isEmpty()) {
                if (!parts.isEmpty()) {
                    parts.append(". ");
                }
                parts.append(String.join("; ", extraction.issues().stream().map(CitationIssue::reason).toList()));
            }
            validation = parts.append('.').toString();
        }
        String confidence = String.format(Locale.ROOT, "%.2f, %s (high at %.2f, review below %.2f).",
                score.confidence(), score.confidenceLabel().replace('_', ' '), thresholds.high(),
                thresholds.review());
        String review = switch (decision.outcome()) {
            case DELIVER -> "Not required.";
            case REVIEW -> "Required: " + String.join("; ", decision.reasons()) + ".";
            case HAND_OFF -> "Handed off to a person: " + String.join("; ", decision.reasons()) + ".";
        };
        return new AiResponse.Defenses(grounding, validation, confidence, review);
    }
}
