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
 * Hedging: an answer whose claims hedge ("I'm not sure", "probably"; each hedge lowers the value) is telling us
 * itself not to trust them. A refusal is not a hedge: it is an answer type of its own ({@code refusal}). Does not
 * apply to an answer without claims.
 */
@ApplicationScoped
public class HedgingSignal implements ConfidenceSignal {

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
        if (context.claims().isEmpty()) {
            return Optional.empty();
        }
        int hedges = 0;
        List<SignalResult.Flag> flags = new ArrayList<>();
        for (AnalyzedSentence sentence : context.claims()) {
            Matcher h = HEDGE.matcher(sentence.text().toLowerCase(Locale.ROOT).replace('’', '\''));
            if (h.find()) {
                hedges++;
                flags.add(new SignalResult.Flag(sentence.index(), "hedges: '" + h.group() + "'"));
            }
        }
        if (hedges == 0) {
            return Optional.of(SignalResult.of(1, "no hedging"));
        }
        double value = Math.max(0.1, 1 - PER_HEDGE * hedges);
        return Optional.of(new SignalResult(value, hedges + " hedged sentence(s)", flags));
    }
}
