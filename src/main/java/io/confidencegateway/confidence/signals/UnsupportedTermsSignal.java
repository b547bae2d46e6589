package io.confidencegateway.confidence.signals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.Words;

/**
 * Unsupported terms: the claims' content words found in no passage (nor the question), one per stem, handed to the
 * model's term weights ({@code terms} in the model file). Whether an unsupported word matters depends on the word:
 * "additionally" or "specific" outside the passages is style, "innocence" or "London" is an added fact. The shares of
 * {@link UnsupportedContentSignal} count every such word alike; here the training data gives each word (hashed stem)
 * its own weight, and the scorer names the words that weigh most. The value, {@code 1 / (1 + words)}, carries the
 * count for the signal's own weight.
 */
@ApplicationScoped
public class UnsupportedTermsSignal implements ConfidenceSignal {

    @Override
    public String name() {
        return "unsupported_terms";
    }

    @Override
    public Optional<SignalResult> evaluate(ScoringContext context) {
        if (!UnsupportedContentSignal.applies(context)) {
            return Optional.empty();
        }
        Map<String, String> byStem = new LinkedHashMap<>();
        for (AnalyzedSentence claim : context.claims()) {
            for (String token : claim.tokens()) {
                if (Words.isContent(token) && token.length() >= 2 && !UnsupportedContentSignal.known(token, context)) {
                    byStem.putIfAbsent(Words.stem(token), token);
                }
            }
        }
        List<String> words = new ArrayList<>(byStem.values());
        String reason = words.isEmpty() ? "every content word of the answer is in the passages or the question"
                : words.size() + " word(s) in no passage: " + UnsupportedContentSignal.quoted(words);
        return Optional.of(new SignalResult(1.0 / (1 + words.size()), reason, List.of(), words));
    }
}
