package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;

/**
 * Hedging and refusal: an answer that says it cannot find the answer (value 0), or hedges ("I'm not sure",
 * "probably"; each hedge lowers the value), is telling us itself not to trust it.
 */
@ApplicationScoped
public class HedgingSignal implements ConfidenceSignal {

    private static final Pattern REFUSAL = Pattern.compile("\\b(i (cannot|can't|could not|couldn't|was unable to|am "
            + "unable to) (find|answer|determine|locate|confirm)|i('m| am) unable to|i (do not|don't) (know|have "
            + "(enough )?information)|as an ai\\b|(is|are) not (mentioned|provided|stated|specified) in|no "
            + "information (about|on|regarding)|the (passages|context|documents?) (do|does) not (say|mention|"
            + "contain|specify))");
    private static final Pattern HEDGE = Pattern.compile("\\b(i('m| am) not (sure|certain)|not entirely (sure|clear)"
            + "|i (think|believe|guess|assume)|possibly|perhaps|probably|presumably|it (seems|appears)|unclear|hard "
            + "to say|to my knowledge|if i recall|might be|could be)\\b");
    private static final double PER_HEDGE = 0.35;

    @Override
    public String name() {
        return "hedging";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        int hedges = 0;
        boolean refusal = false;
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence sentence : context.answerText().sentences()) {
            String lower = sentence.text().toLowerCase(Locale.ROOT).replace('’', '\'');
            Matcher r = REFUSAL.matcher(lower);
            if (r.find()) {
                refusal = true;
                flags.add(new SignalResult.Flag(sentence.index(), "declines to answer: '" + r.group() + "'"));
                continue;
            }
            Matcher h = HEDGE.matcher(lower);
            if (h.find()) {
                hedges++;
                flags.add(new SignalResult.Flag(sentence.index(), "hedges: '" + h.group() + "'"));
            }
        }
        if (context.answerText().sentences().isEmpty()) {
            return Optional.empty();
        }
        if (refusal) {
            return Optional.of(new SignalResult(0, "the answer says it cannot answer from the sources", flags));
        }
        if (hedges == 0) {
            return Optional.of(SignalResult.of(1, "no hedging or refusal"));
        }
        double value = Math.max(0.1, 1 - PER_HEDGE * hedges);
        return Optional.of(new SignalResult(value, hedges + " hedged sentence(s)", flags));
    }
}
