package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.SupportMatch;
import io.confidencegateway.confidence.SupportMatcher;
import io.confidencegateway.confidence.text.AnalyzedSentence;

/**
 * Citation validity: every {@code [n]} marker must name an existing passage, and that passage must support the
 * sentence that cites it. The value is the share of citing sentences whose citations all hold. Does not apply to
 * an answer without markers.
 */
@ApplicationScoped
public class CitationSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "citations";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        int citing = 0;
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence sentence : context.answerText().sentences()) {
            if (sentence.citations().isEmpty()) {
                continue;
            }
            citing++;
            String problem = check(context, sentence);
            if (problem != null) {
                flags.add(new SignalResult.Flag(sentence.index(), problem));
            }
        }
        if (citing == 0) {
            return Optional.empty();
        }
        int valid = citing - flags.size();
        String reason = valid + " of " + citing + " citing sentences are supported by the passage they cite";
        return Optional.of(new SignalResult((double) valid / citing, reason, flags));
    }

    private static String check(ScoringContext context, AnalyzedSentence sentence) {
        for (int number : sentence.citations()) {
            Optional<Integer> position = context.positionOfCited(number);
            if (position.isEmpty()) {
                return "cites [" + number + "], but there is no passage " + number;
            }
            SupportMatch match = SupportMatcher.best(sentence, context.passages(), context.passageTexts(),
                    position.get());
            if (match.supported()) {
                return null;
            }
        }
        return "the cited passage does not support it";
    }
}
