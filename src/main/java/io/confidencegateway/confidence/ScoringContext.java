package io.confidencegateway.confidence;

import java.util.List;
import java.util.Optional;

import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.TextAnalyzer;

/**
 * Everything a signal may look at, analysed once and shared: the question (optional), the passages, the answer,
 * the provider's token logprobs (optional), the sentence analysis of each text, and for every answer sentence
 * its best supporting passage window.
 */
public record ScoringContext(Optional<String> question, List<Passage> passages, String answer,
        Optional<Logprobs> logprobs, Optional<AnalyzedText> questionText, List<AnalyzedText> passageTexts,
        AnalyzedText answerText, List<SupportMatch> support) {

    public static ScoringContext of(String question, List<Passage> passages, String answer, Logprobs logprobs) {
        Optional<String> q = Optional.ofNullable(question).filter(s -> !s.isBlank());
        List<AnalyzedText> passageTexts = passages.stream().map(p -> PassageAnalyses.of(p.text())).toList();
        AnalyzedText answerText = TextAnalyzer.analyze(answer);
        List<SupportMatch> support = answerText.sentences().stream()
                .map(s -> SupportMatcher.best(s, passages, passageTexts, null)).toList();
        return new ScoringContext(q, List.copyOf(passages), answer, Optional.ofNullable(logprobs),
                q.map(TextAnalyzer::analyze), passageTexts, answerText, support);
    }

    /** The passage an answer cites as {@code [number]}, if there is one. */
    public Optional<Integer> positionOfCited(int number) {
        for (int i = 0; i < passages.size(); i++) {
            if (passages.get(i).index() == number) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
