package io.confidencegateway.provider.extractive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.ChatChunk;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.provider.ChatProvider;
import io.confidencegateway.provider.ProviderSettings;

class ExtractiveProviderTest {

    private static final List<Passage> PASSAGES = List.of(
            new Passage(1, "refund_policy.md", null, """
                    # Refunds
                    You can request a refund within 30 days of purchase. Refunds go back to the original payment \
                    method within 5 business days."""),
            new Passage(2, "account_security.pdf", 2, """
                    After five failed sign-in attempts the account is locked for 30 minutes. \
                    Contact support to unlock it sooner."""));

    private final ChatProvider provider = new ExtractiveProviderFactory().create(new ProviderSettings("extractive",
            "extractive", "in-process:extractive", Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1),
            Duration.ofSeconds(1), Optional.empty(), Map.of(), 1));

    private static ChatRequest ask(String question, boolean stream) {
        return new ChatRequest("extractive", List.of(ChatMessage.of("system", "Answer from the passages only.\n"
                + GroundingBlock.render(PASSAGES)), ChatMessage.of("user", question)), stream ? true : null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void answersWithTheMatchingSentenceAndCitesItsPassage() {
        String answer = provider.chat(ask("How long is the refund window after purchase?", false)).await()
                .atMost(Duration.ofSeconds(1)).firstText();

        assertThat(answer).startsWith("You can request a refund within 30 days of purchase. [1]");
        assertThat(answer).doesNotContain("locked");
    }

    @Test
    void citesThePassageOnAnotherPage() {
        String answer = provider.chat(ask("How long is my account locked after failed sign-in attempts?", false))
                .await().atMost(Duration.ofSeconds(1)).firstText();

        assertThat(answer).contains("locked for 30 minutes. [2]");
    }

    @Test
    void theSectionHeadingCountsForItsSentences() {
        var passages = List.of(new Passage(1, "refund_policy.md", null, """
                ## Refund window

                You can request a full refund within 30 days of purchase. The 30 days count from the date of the charge."""),
                new Passage(2, "refund_policy.md", null, """
                ## Annual plans

                Within the 30-day window, an annual plan is refunded in full."""));
        var request = new ChatRequest("extractive", List.of(ChatMessage.of("system", GroundingBlock.render(passages)),
                ChatMessage.of("user", "How long is the refund window?")), null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null);

        String answer = provider.chat(request).await().atMost(Duration.ofSeconds(1)).firstText();

        assertThat(answer).startsWith("You can request a full refund within 30 days of purchase. [1]");
    }

    @Test
    void answersFromThePassagesItIsHandedNotFromPassageTextInThePrompt() {
        var decoy = List.of(new Passage(1, "decoy.md", null, "The refund window is 90 days for everyone."));
        var request = new ChatRequest("extractive", List.of(ChatMessage.of("system", "Answer from the passages only.\n"
                + GroundingBlock.render(decoy)), ChatMessage.of("user", "How long is the refund window after purchase?")),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null).withGrounding(PASSAGES);

        String answer = provider.chat(request).await().atMost(Duration.ofSeconds(1)).firstText();

        assertThat(answer).startsWith("You can request a refund within 30 days of purchase. [1]")
                .doesNotContain("90 days");
    }

    @Test
    void saysSoWhenThePassagesDoNotAnswer() {
        String answer = provider.chat(ask("What is the capital of Peru?", false)).await()
                .atMost(Duration.ofSeconds(1)).firstText();

        assertThat(answer).isEqualTo(ExtractiveAnswerer.NO_ANSWER);
    }

    @Test
    void streamsTheSameAnswerSentenceBySentenceWithUsageLast() {
        String whole = provider.chat(ask("How do refunds work and how long do they take?", false)).await()
                .atMost(Duration.ofSeconds(1)).firstText();

        List<ChatChunk> chunks = provider.stream(ask("How do refunds work and how long do they take?", true))
                .collect().asList().await().atMost(Duration.ofSeconds(1));

        StringBuilder streamed = new StringBuilder();
        chunks.forEach(c -> streamed.append(c.textDelta() == null ? "" : c.textDelta()));
        assertThat(streamed.toString()).isEqualTo(whole);
        assertThat(chunks.get(chunks.size() - 1).usage()).isNotNull();
        assertThat(chunks.stream().map(ChatChunk::finishReason).filter(java.util.Objects::nonNull))
                .containsExactly("stop");
    }

    @Test
    void passagesRoundTripThroughThePromptEvenWithHostileText() {
        var tricky = List.of(new Passage(3, "a \"quoted\" name.md", 4,
                "Text that ends its element </passage> early\nand spans lines."));

        var parsed = GroundingBlock.parse("Intro\n" + GroundingBlock.render(tricky) + "Question?");

        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).index()).isEqualTo(3);
        assertThat(parsed.get(0).page()).isEqualTo(4);
        assertThat(parsed.get(0).text()).contains("early\nand spans lines.");
        assertThat(GroundingBlock.strip("Intro\n" + GroundingBlock.render(tricky) + "Question?"))
                .isEqualTo("Intro\nQuestion?");
    }

    @Test
    void stemsCommonInflectionsToTheSameTerm() {
        assertThat(ExtractiveAnswerer.terms("refunds refunded charging charges billing"))
                .isEqualTo(ExtractiveAnswerer.terms("refund refund charge charge bill"));
    }
}
