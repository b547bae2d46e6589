package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.Quantity;
import io.confidencegateway.confidence.text.Words;

/**
 * Numbers, dates, money, percentages and names: every one in the answer must occur in some passage, compared
 * after normalisation ("$1,200" = "1200 dollars", "30 days" = "thirty days", "15%" = "15 percent"). The value
 * is {@code 1 / (1 + missing)}: one invented fact already halves it, whatever the answer's length. Does not
 * apply to an answer without numbers or names. Refusal sentences are not checked: "the passages do not mention
 * Bernadette" names what is missing on purpose.
 */
@ApplicationScoped
public class FactConsistencySignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "facts";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        List<AnalyzedText> passages = context.passageTexts();
        int total = 0;
        List<String> missing = new ArrayList<>();
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence sentence : context.claims()) {
            List<String> missingHere = new ArrayList<>();
            for (String name : sentence.names()) {
                total++;
                if (passages.stream().noneMatch(p -> Words.nameIn(name, p.tokenSet()))) {
                    missingHere.add(name);
                }
            }
            for (Quantity q : sentence.quantities()) {
                total++;
                if (passages.stream().noneMatch(p -> p.mentions(q))) {
                    missingHere.add(q.text());
                }
            }
            if (!missingHere.isEmpty()) {
                flags.add(new SignalResult.Flag(sentence.index(), "not in any passage: " + quoted(missingHere)));
                missing.addAll(missingHere);
            }
        }
        if (total == 0) {
            return Optional.empty();
        }
        String reason = missing.isEmpty() ? "all " + total + " names and numbers appear in the passages"
                : missing.size() + " of " + total + " names and numbers appear in no passage: " + quoted(missing);
        return Optional.of(new SignalResult(1.0 / (1 + missing.size()), reason, flags));
    }

    private static String quoted(List<String> items) {
        return String.join(", ", items.stream().distinct().limit(3).map(s -> "'" + s + "'").toList());
    }
}
