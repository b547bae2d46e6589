package io.confidencegateway.answer;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.confidence.ConfidenceScore;
import io.confidencegateway.product.ProductSpec;
import io.confidencegateway.product.Thresholds;

/**
 * Turns a drafted answer and its score into the AIResponse: citations, summary, review decision, suggested
 * actions, UX treatment and the verdict of each defence layer. Pure: every number and sentence here is testable
 * without the gateway.
 */
public final class AnswerAssembler {

    /** Everything known about one drafted answer. */
    public record Draft(String id, String productId, ProductSpec spec, List<GroundingBlock.Passage> passages,
            String content, ConfidenceScore score, Map<String, Integer> redactions, String provider, String model,
            AiResponse.UsageView usage, long latencyMs, Instant createdAt) {
    }

    /** The response, the decision behind it, and the draft it was made from. */
    public record Assembled(AiResponse response, ReviewPolicy.Decision decision, Draft draft) {
    }

    private AnswerAssembler() {
    }

    /**
     * The AIResponse for a draft; {@code handoff} (with {@code why}, the reason in words) replaces the draft's
     * content when the draft is not offered.
     */
    public static Assembled assemble(Draft draft, AiResponse.Handoff handoff, String why) {
        ProductSpec spec = draft.spec();
        Thresholds thresholds = spec.effectiveThresholds();
        var extraction = CitationExtractor.extract(draft.content(), draft.passages());
        boolean answered = !draft.content().contains(AnswerPrompt.NO_ANSWER) && !draft.content().isBlank();
        ConfidenceScore score = draft.score();
        ReviewPolicy.Decision decision = ReviewPolicy.decide(new ReviewPolicy.Facts(spec.humanReviewRequired(), spec.requiresCitations(),
                score.confidence(), thresholds.review(), thresholds.fallback(), score.unsupportedClaims().size(),
                extraction.issues().size(), extraction.citations().size(), answered));
        if (handoff != null && why != null) {
            // A hand-off decided before any draft (budget, provider failures): its reason comes first, and an
            // empty draft is not "the knowledge base has no answer".
            var reasons = new java.util.ArrayList<String>();
            reasons.add(why);
            decision.reasons().stream().filter(r -> answered || !r.equals(ReviewPolicy.NO_ANSWER_REASON))
                    .forEach(reasons::add);
            decision = new ReviewPolicy.Decision(ReviewPolicy.Outcome.HAND_OFF, true, List.copyOf(reasons));
        }
        var unsupported = score.unsupportedClaims().stream()
                .map(c -> new AiResponse.UnsupportedClaim(c.sentenceIndex(), c.text(), c.reason())).toList();
        var signals = score.signals().stream()
                .map(s -> new AiResponse.SignalView(s.name(), s.value(), s.weight(), s.reason())).toList();
        var citations = extraction.citations().stream()
                .map(c -> new Citation(c.index(), c.source(), c.page(), c.text(), support(c.index(), draft, score)))
                .toList();
        boolean handedOff = handoff != null;
        String content = handedOff ? handoff.message() : draft.content();
        var response = new AiResponse(draft.id(), draft.productId(), content,
                handedOff ? handoff.message() : Summaries.of(draft.content()), score.confidence(),
                label(score.confidence(), thresholds), handedOff ? List.of() : citations,
                handedOff ? List.of() : extraction.issues(),
                ReviewPolicy.suggestedActions(decision.outcome(), answered && !handedOff),
                decision.requiresHumanReview(), decision.reasons(), UxTreatment.forLabel(label(score.confidence(),
                        thresholds)), signals, unsupported,
                defenses(draft, extraction, score, decision, thresholds), handoff, draft.redactions(),
                draft.provider(), draft.model(), AnswerPrompt.VERSION, draft.usage(), draft.latencyMs(),
                draft.createdAt());
        return new Assembled(response, decision, draft);
    }

    /** The same answer, with review required for a reason decided outside the policy (e.g. a missed budget). */
    public static Assembled requireReview(Assembled assembled, String why) {
        var reasons = new java.util.ArrayList<String>();
        reasons.add(why);
        reasons.addAll(assembled.decision().reasons());
        var decision = new ReviewPolicy.Decision(ReviewPolicy.Outcome.REVIEW, true, List.copyOf(reasons));
        AiResponse r = assembled.response();
        AiResponse response = new AiResponse(r.id(), r.product(), r.content(), r.summary(), r.confidence(),
                r.confidenceLabel(), r.citations(), r.citationIssues(),
                ReviewPolicy.suggestedActions(ReviewPolicy.Outcome.REVIEW, true), true, decision.reasons(), r.ux(),
                r.signals(), r.unsupportedClaims(), new AiResponse.Defenses(r.defenses().grounding(),
                        r.defenses().validation(), r.defenses().confidence(), "Required: "
                                + String.join("; ", decision.reasons()) + "."),
                r.handoff(), r.redactions(), r.provider(), r.model(), r.promptVersion(), r.usage(), r.latencyMs(),
                r.createdAt());
        return new Assembled(response, decision, assembled.draft());
    }

    /** The label by the product's own thresholds. */
    public static String label(double confidence, Thresholds thresholds) {
        if (confidence >= thresholds.high()) {
            return "high_confidence";
        }
        return confidence >= thresholds.medium() ? "medium_confidence" : "low_confidence";
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
                score.confidence(), label(score.confidence(), thresholds).replace('_', ' '), thresholds.high(),
                thresholds.review());
        String review = switch (decision.outcome()) {
            case DELIVER -> "Not required.";
            case REVIEW -> "Required: " + String.join("; ", decision.reasons()) + ".";
            case HAND_OFF -> "Handed off to a person: " + String.join("; ", decision.reasons()) + ".";
        };
        return new AiResponse.Defenses(grounding, validation, confidence, review);
    }
}
