package io.confidencegateway.verifier.judge;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.answer.CitationExtractor;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.text.AnalyzedSentence;

/**
 * The judge's prompt: the passages and the answer's sentences, numbered, with the reply's JSON schema spelled out
 * so that the reply can be parsed strictly. Pure, so its size per answer can be measured without a model.
 */
public final class JudgePrompt {

    /** Bumped whenever the wording changes, so judged answers can be compared prompt by prompt. */
    public static final int VERSION = 1;

    static final String SYSTEM = """
            You check an answer against the passages it was written from. For each numbered answer sentence, decide:
            "supported" when the passages state it or it follows directly from them; "unsupported" when any part of \
            it is not in the passages (an added detail, item or quantity, a changed number or name, a relation the \
            passages do not make). A sentence saying the passages do not answer the question is supported when they \
            indeed do not.
            Reply with one JSON object and nothing else, exactly this schema:
            {"sentences": [{"index": <the sentence number>, "label": "supported" | "unsupported", \
            "reason": "<why, at most 25 words>"}]}
            One entry per answer sentence, in order, no other fields.""";

    private JudgePrompt() {
    }

    /** The messages for one answer, and which answer sentence (context index) each judged number stands for. */
    public record Built(List<ChatMessage> messages, List<Integer> sentenceIndexes) {
    }

    /** The prompt over the first {@code maxSentences} answer sentences that have words. */
    public static Built build(ScoringContext context, int maxSentences) {
        var user = new StringBuilder();
        context.question().ifPresent(q -> user.append("Question: ").append(q.strip()).append("\n\n"));
        user.append("Passages:\n");
        context.passages().forEach(p -> user.append('[').append(p.index()).append("] ").append(p.text().strip())
                .append('\n'));
        user.append("\nAnswer sentences:\n");
        var indexes = new ArrayList<Integer>();
        List<AnalyzedSentence> sentences = context.answerText().sentences();
        for (int s = 0; s < sentences.size() && indexes.size() < maxSentences; s++) {
            String text = CitationExtractor.withoutMarkers(sentences.get(s).text()).strip();
            if (text.chars().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            indexes.add(s);
            user.append(indexes.size()).append(". ").append(text).append('\n');
        }
        return new Built(List.of(ChatMessage.of("system", SYSTEM), ChatMessage.of("user", user.toString())),
                List.copyOf(indexes));
    }
}
