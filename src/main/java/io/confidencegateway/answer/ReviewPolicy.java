package io.confidencegateway.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides what happens to a drafted answer: delivered, delivered only after an agent reviews it, or handed off
 * to a human because the draft should not be offered at all. Pure, so it is table-tested without the gateway.
 */
public final class ReviewPolicy {

    /** What the gateway does with the draft. */
    public enum Outcome {
        /** Confident and valid: the draft may go to the customer. */
        DELIVER,
        /** An agent must check the draft before it reaches a customer. */
        REVIEW,
        /** The draft is not offered; a person answers. */
        HAND_OFF
    }

    /**
     * The facts the decision rests on.
     *
     * @param reviewRequiredBySpec the product always wants an agent in the loop
     * @param citationsRequired the product wants every answer cited
     * @param confidence the calibrated confidence
     * @param reviewThreshold below it, review is required
     * @param fallbackThreshold below it, the question is handed off
     * @param unsupportedClaims answer sentences the scorer found unsupported
     * @param citationIssues markers that point at no passage
     * @param citations valid citations in the answer
     * @param answered false when the answer says the knowledge base has no answer
     */
    public record Facts(boolean reviewRequiredBySpec, boolean citationsRequired, double confidence,
            double reviewThreshold, double fallbackThreshold, int unsupportedClaims, int citationIssues,
            int citations, boolean answered) {
    }

    /** The outcome and every reason for it, in words an agent understands. */
    public record Decision(Outcome outcome, boolean requiresHumanReview, List<String> reasons) {
    }

    /** The reason given when the draft says the knowledge base holds no answer. */
    public static final String NO_ANSWER_REASON = "the knowledge base has no answer to this question";

    private ReviewPolicy() {
    }

    public static Decision decide(Facts facts) {
        var handOff = new ArrayList<String>();
        var review = new ArrayList<String>();
        if (!facts.answered()) {
            handOff.add(NO_ANSWER_REASON);
        }
        if (facts.confidence() < facts.fallbackThreshold()) {
            handOff.add("confidence " + percent(facts.confidence()) + " is below the hand-off threshold "
                    + percent(facts.fallbackThreshold()));
        } else if (facts.confidence() < facts.reviewThreshold()) {
            review.add("confidence " + percent(facts.confidence()) + " is below the review threshold "
                    + percent(facts.reviewThreshold()));
        }
        if (facts.unsupportedClaims() > 0) {
            review.add(facts.unsupportedClaims() + (facts.unsupportedClaims() == 1 ? " claim lacks" : " claims lack")
                    + " support in the sources");
        }
        if (facts.citationIssues() > 0) {
            review.add(facts.citationIssues() + (facts.citationIssues() == 1 ? " citation points" : " citations point")
                    + " at no source");
        }
        if (facts.citationsRequired() && facts.citations() == 0 && facts.answered()) {
            review.add("the product requires citations and the answer has none");
        }
        if (facts.reviewRequiredBySpec()) {
            review.add("the product requires human review of every answer");
        }
        var reasons = new ArrayList<String>(handOff);
        reasons.addAll(review);
        if (!handOff.isEmpty()) {
            return new Decision(Outcome.HAND_OFF, true, List.copyOf(reasons));
        }
        return new Decision(review.isEmpty() ? Outcome.DELIVER : Outcome.REVIEW, !review.isEmpty(),
                List.copyOf(reasons));
    }

    /** What an agent can do next with an answer of that outcome. */
    public static List<String> suggestedActions(Outcome outcome, boolean answered) {
        if (!answered) {
            return List.of("Answer manually", "Escalate", "Add to knowledge base");
        }
        return switch (outcome) {
            case DELIVER -> List.of("Send to customer", "Edit draft");
            case REVIEW -> List.of("Send to customer", "Edit draft", "Escalate");
            case HAND_OFF -> List.of("Escalate", "Answer manually");
        };
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
