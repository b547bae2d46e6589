package io.confidencegateway.answer;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.chat.Passage;
import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.GroundingBlock;
import io.confidencegateway.product.ProductSpec;

/**
 * The prompt of a product answer: who the assistant serves, the rule to answer only from the numbered passages
 * and to cite them as [n], what to say when they hold no answer, then the conversation and the question.
 * Versioned, so that every answer records which prompt produced it.
 */
public final class AnswerPrompt {

    /**
     * The version of the shipped prompt: version 1 of every product's prompt (see the {@code prompt} package for the
     * versions a team adds). Bump it only together with a migration, since stored answers of version 1 name it.
     */
    public static final int VERSION = 1;

    /** What the model is told to say when the passages do not contain the answer (the hedge the scorer knows). */
    public static final String NO_ANSWER = "I could not find the answer to this question in the knowledge base.";

    /**
     * The instructions of the shipped prompt (version 1): answer only from the passages, cite them as [n], say
     * {@link #NO_ANSWER} when they hold no answer. A prompt version replaces exactly this part.
     */
    public static final String SHIPPED_INSTRUCTIONS = """
            Answer the question using ONLY the numbered passages below; do not use outside knowledge.
            After each sentence that uses a passage, cite it by its number in square brackets, like [1] or [1][3].
            Quote numbers, amounts, dates and names exactly as the passages write them.
            If the passages do not contain the answer, reply exactly: "%s"
            Keep the answer short, factual and ready to send to a customer.
            """.formatted(NO_ANSWER);

    private AnswerPrompt() {
    }

    /** The messages of the shipped prompt (version 1). */
    public static List<ChatMessage> messages(ProductSpec spec, List<Passage> passages,
            List<ChatMessage> earlierTurns, String question) {
        return messages(spec, SHIPPED_INSTRUCTIONS, passages, earlierTurns, question);
    }

    /**
     * The messages to send: one system message with the product's preamble, the version's instructions and the
     * passages, the earlier turns of the conversation (system turns of the caller are kept as context), and the
     * question.
     */
    public static List<ChatMessage> messages(ProductSpec spec, String instructions, List<Passage> passages,
            List<ChatMessage> earlierTurns, String question) {
        var system = new StringBuilder(512 + passages.size() * 800);
        system.append("You are ").append(spec.name());
        if (spec.userPersona() != null && !spec.userPersona().isBlank()) {
            system.append(", assisting a ").append(spec.userPersona().strip());
        }
        system.append(".\n");
        if (spec.jobToBeDone() != null && !spec.jobToBeDone().isBlank()) {
            system.append("Your job: ").append(spec.jobToBeDone().strip()).append(".\n");
        }
        system.append(instructions.strip()).append("\n\nPassages:\n");
        if (passages.isEmpty()) {
            system.append("(no passage matched this question)\n");
        } else {
            system.append(GroundingBlock.render(passages));
        }
        var messages = new ArrayList<ChatMessage>(earlierTurns.size() + 2);
        messages.add(ChatMessage.of("system", system.toString()));
        messages.addAll(earlierTurns);
        messages.add(ChatMessage.of("user", question));
        return messages;
    }
}
