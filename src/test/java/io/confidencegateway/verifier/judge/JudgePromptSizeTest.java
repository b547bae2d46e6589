package io.confidencegateway.verifier.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;

/**
 * What one judge call costs in prompt: a 150-word answer against 5 passages of the knowledge base's 700-character
 * target, at the gateway's four characters a token. The system prompt is a fixed ~175 tokens; the rest is the
 * passages and the answer, so the judge costs about as much prompt as the answer did.
 */
class JudgePromptSizeTest {

    private static final String SENTENCE = "Customers can return any unused item within thirty days of purchase "
            + "for a full refund to the original card. ";

    static List<Passage> fivePassages() {
        var passages = new ArrayList<Passage>();
        for (int i = 1; i <= 5; i++) {
            var text = new StringBuilder();
            while (text.length() < 700 - SENTENCE.length()) {
                text.append(SENTENCE);
            }
            passages.add(new Passage(i, "doc-" + i + ".md", null, text.toString().strip()));
        }
        return passages;
    }

    static String answerOf150Words() {
        var answer = new StringBuilder();
        int words = 0;
        int n = 0;
        while (words < 150) {
            String sentence = "Refund rule " + (++n) + " says unused items come back within thirty days for a "
                    + "full refund to the card [1]. ";
            answer.append(sentence);
            words += sentence.strip().split("\\s+").length;
        }
        return answer.toString().strip();
    }

    private static int tokens(List<ChatMessage> messages) {
        int chars = 0;
        for (ChatMessage m : messages) {
            chars += m.text().length() + 16;
        }
        return (chars + 3) / 4;
    }

    @Test
    void aJudgeCallOnA150WordAnswerWithFivePassagesIsAboutTwelveHundredPromptTokens() {
        var context = ScoringContext.of("How long is the refund window?", fivePassages(), answerOf150Words(), null);

        JudgePrompt.Built built = JudgePrompt.build(context, 20);

        assertThat(built.sentenceIndexes()).hasSize(8);
        assertThat(tokens(List.of(built.messages().get(0)))).isBetween(160, 190);
        assertThat(tokens(built.messages())).isBetween(1_150, 1_250);
    }
}
