package io.confidencegateway.insight;

import java.util.UUID;

/**
 * What the metrics read of one feedback event (each field null when the event did not carry it).
 *
 * @param source {@code api}, {@code review} (a reviewer's verdict on a draft) or {@code handoff} (a reviewer's
 *        resolution of a hand-off: a person's answer, no verdict on the AI)
 * @param reviewAction {@code approve}, {@code edit} or {@code reject} for review and hand-off resolutions
 * @param rating {@code up} or {@code down} when the event carried a thumb
 */
public record FeedbackRow(UUID answerId, Boolean judgedCorrect, Boolean hallucination, Double editRatio,
        Boolean resolved, Boolean escalated, Integer csat, String source, String reviewAction, String rating) {

    /** An event without a thumb. */
    public FeedbackRow(UUID answerId, Boolean judgedCorrect, Boolean hallucination, Double editRatio,
            Boolean resolved, Boolean escalated, Integer csat, String source, String reviewAction) {
        this(answerId, judgedCorrect, hallucination, editRatio, resolved, escalated, csat, source, reviewAction,
                null);
    }

    /** Source of a reviewer's resolution of a hand-off. */
    public static final String SOURCE_HANDOFF = "handoff";

    /** An event from a support tool. */
    public FeedbackRow(UUID answerId, Boolean judgedCorrect, Boolean hallucination, Double editRatio,
            Boolean resolved, Boolean escalated, Integer csat) {
        this(answerId, judgedCorrect, hallucination, editRatio, resolved, escalated, csat, "api", null);
    }

    /**
     * For a hand-off resolution, whether a person answered the customer (wrote the reply, or approved the draft
     * that had been held back): true; rejected without a reply: false; any other event: null.
     */
    public Boolean answeredByPerson() {
        if (!SOURCE_HANDOFF.equals(source)) {
            return null;
        }
        return "edit".equals(reviewAction) || "approve".equals(reviewAction);
    }
}
