package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import java.util.List;
import java.util.Optional;

import io.confidencegateway.chat.Logprobs;
import io.confidencegateway.confidence.text.AnalyzedSentence;
import io.confidencegateway.confidence.text.AnalyzedText;
import io.confidencegateway.confidence.text.TextAnalyzer;

/**
 * Everything a signal may look at, analysed once and shared: the question (optional), the passages, the answer,
 * the provider's token logprobs (optional), the sentence analysis of each text, and for every answer sentence
 * its best supporting passage window. Only the answer's claims ({@link AnswerShape}) are matched: a refusal or a
 * framing line makes no claim about the world.
 */
public record ScoringContext(Optional<String> question, List<Passage> passages, String answer,
        Optional<Logprobs> logprobs, Optional<AnalyzedText> questionText, List<AnalyzedText> passageTexts,
        AnalyzedText answerText, AnswerShape shape, List<SupportMatch> support) {

    public static ScoringContext of(String question, List<Passage> passages, String answer, Logprobs logprobs) {
        Optional<String> q = Optional.ofNullable(question).filter(s -> !s.isBlank());
        List<AnalyzedText> passageTexts = passages.stream().map(p -> PassageAnalyses.of(p.text())).toList();
        AnalyzedText answerText = TextAnalyzer.analyze(answer);
        AnswerShape shape = AnswerShape.of(answerText);
        List<SupportMatch> support = shape.claims().stream()
                .map(s -> SupportMatcher.best(s, passages, passageTexts, null)).toList();
        return new ScoringContext(q, List.copyOf(passages), answer, Optional.ofNullable(logprobs),
                q.map(TextAnalyzer::analyze), passageTexts, answerText, shape, support);
    }

    /** The answer's sentences that claim something (lead-ins cut off), in order, with their original indexes. */
    public List<AnalyzedSentence> claims() {
        return shape.claims();
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
