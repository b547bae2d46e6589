package io.confidencegateway.verifier.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.confidence.ScoringContext;
import io.confidencegateway.confidence.SignalResult;

class JudgeReplyTest {

    private static final String TWO = """
            {"sentences": [{"index": 1, "label": "supported", "reason": "passage 1 says 30 days"},
             {"index": 2, "label": "unsupported", "reason": "no passage mentions store credit"}]}""";

    @Test
    void aReplyInTheSchemaGivesTheShareSupportedAndFlagsTheOthersWithTheJudgesReason() {
        SignalResult result = JudgeReply.parse(TWO, List.of(0, 2));

        assertThat(result.value()).isEqualTo(0.5);
        assertThat(result.reason()).isEqualTo("the judge found 1 of 2 sentences supported; sentence 3 unsupported "
                + "(no passage mentions store credit)");
        assertThat(result.flags()).containsExactly(new SignalResult.Flag(2, "judge: no passage mentions store credit"));
    }

    @Test
    void aMalformedReplySaysHowWithoutEchoingIt() {
        assertThatThrownBy(() -> JudgeReply.parse("Sentence 1 is fine.", List.of(0)))
                .hasMessage("not a JSON object");
        assertThatThrownBy(() -> JudgeReply.parse("{\"sentences\": [], \"confidence\": 0.9}", List.of(0)))
                .hasMessage("field 'confidence' is not in the schema");
        assertThatThrownBy(() -> JudgeReply.parse("{\"sentences\": [{\"index\": 1, \"label\": \"supported\", "
                + "\"reason\": \"x\"}]}", List.of(0, 1))).hasMessage("1 entries for 2 sentences");
        assertThatThrownBy(() -> JudgeReply.parse("{\"sentences\": [{\"index\": 1, \"label\": \"maybe\", "
                + "\"reason\": \"x\"}]}", List.of(0))).hasMessage("entry 1 has label 'maybe', not supported or "
                        + "unsupported");
    }

    @Test
    void allSupportedIsOne() {
        SignalResult result = JudgeReply.parse("""
                {"sentences": [{"index": 1, "label": "supported", "reason": ""}]}""", List.of(0));

        assertThat(result.value()).isEqualTo(1.0);
        assertThat(result.flags()).isEmpty();
        assertThat(result.reason()).isEqualTo("the judge found 1 of 1 sentences supported");
    }

    @Test
    void oneWrappingJsonCodeFenceIsAccepted() {
        assertThat(JudgeReply.parse("```json\n" + TWO + "\n```", List.of(0, 1)).value()).isEqualTo(0.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Sure! {\"sentences\": [{\"index\": 1, \"label\": \"supported\", \"reason\": \"x\"}, {\"index\": 2, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"sentences\": [{\"index\": 1, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"sentences\": [{\"index\": 2, \"label\": \"supported\", \"reason\": \"x\"}, {\"index\": 1, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"sentences\": [{\"index\": 1, \"label\": \"partly\", \"reason\": \"x\"}, {\"index\": 2, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"sentences\": [{\"index\": 1, \"label\": \"supported\", \"reason\": \"x\", \"score\": 0.9}, {\"index\": 2, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"sentences\": [{\"index\": \"1\", \"label\": \"supported\", \"reason\": \"x\"}, {\"index\": 2, \"label\": \"supported\", \"reason\": \"x\"}]}",
        "{\"verdicts\": []}",
        "{\"sentences\": [{\"index\": 1, \"label\": \"supported\"}, {\"index\": 2, \"label\": \"supported\"}]} trailing",
        "",
        "```python\n{\"sentences\": []}\n```"})
    void anythingButTheSchemaIsMalformed(String reply) {
        assertThatThrownBy(() -> JudgeReply.parse(reply, List.of(0, 1))).isInstanceOf(JudgeReply.Malformed.class);
    }

    @Test
    void thePromptNumbersPassagesAndSentencesAndSpellsOutTheSchema() {
        var context = ScoringContext.of("How long is the refund window?", List.of(new Passage(1, "a.md", null,
                "Refunds within 30 days."), new Passage(2, "b.md", null, "Shipping takes 3 days.")),
                "Refunds take 30 days [1]. [2] Also store credit.", null);

        JudgePrompt.Built built = JudgePrompt.build(context, 20);

        assertThat(built.messages().get(0).text()).contains("\"label\": \"supported\" | \"unsupported\"");
        assertThat(built.messages().get(1).text()).isEqualTo("""
                Question: How long is the refund window?

                Passages:
                [1] Refunds within 30 days.
                [2] Shipping takes 3 days.

                Answer sentences:
                1. Refunds take 30 days.
                2. Also store credit.
                """);
        assertThat(built.sentenceIndexes()).containsExactly(0, 1);
    }
}
