package io.confidencegateway.insight;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything known about one answer after folding its feedback events, oldest first: for each signal the latest
 * value given wins (a later correction replaces an earlier report), except that an answer whose latest
 * fabrication flag is set is judged incorrect whatever its rating.
 *
 * @param correct the verdict on the draft (rating or review), null when nobody judged it
 * @param hallucination whether it was flagged as fabricated, null when nobody said either way
 * @param editRatio the latest edit ratio of a sent text against the draft
 * @param answeredByPerson for a hand-off, whether a reviewer answered the customer; null while unresolved
 */
public record AnswerVerdict(Boolean correct, Boolean hallucination, Double editRatio, Boolean resolved,
        Boolean escalated, Integer csat, Boolean answeredByPerson) {

    static final AnswerVerdict NONE = new AnswerVerdict(null, null, null, null, null, null, null);

    /** Whether anybody judged the answer: a verdict or a fabrication flag either way. */
    public boolean judged() {
        return correct != null || hallucination != null;
    }

    /** Folds events (oldest first) into one verdict per answer. */
    public static Map<UUID, AnswerVerdict> fold(List<FeedbackRow> events) {
        Map<UUID, AnswerVerdict> verdicts = new HashMap<>();
        for (FeedbackRow e : events) {
            verdicts.merge(e.answerId(), of(e), AnswerVerdict::then);
        }
        return verdicts;
    }

    private static AnswerVerdict of(FeedbackRow e) {
        return new AnswerVerdict(e.judgedCorrect(), e.hallucination(), e.editRatio(), e.resolved(), e.escalated(),
                e.csat(), e.answeredByPerson()).withFabricationRule();
    }

    private AnswerVerdict then(AnswerVerdict later) {
        return new AnswerVerdict(latest(correct, later.correct), latest(hallucination, later.hallucination),
                latest(editRatio, later.editRatio), latest(resolved, later.resolved),
                latest(escalated, later.escalated), latest(csat, later.csat),
                latest(answeredByPerson, later.answeredByPerson)).withFabricationRule();
    }

    private AnswerVerdict withFabricationRule() {
        return Boolean.TRUE.equals(hallucination) && !Boolean.FALSE.equals(correct)
                ? new AnswerVerdict(false, hallucination, editRatio, resolved, escalated, csat, answeredByPerson)
                : this;
    }

    private static <T> T latest(T earlier, T later) {
        return later != null ? later : earlier;
    }
}
