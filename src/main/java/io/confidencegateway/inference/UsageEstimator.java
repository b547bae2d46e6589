package io.confidencegateway.inference;

import io.confidencegateway.chat.ChatMessage;
import io.confidencegateway.chat.ChatRequest;
import io.confidencegateway.chat.Usage;

/**
 * Token counts for upstreams that report none, at the common rule of thumb of four characters a token (plus a
 * few tokens of framing per message). Answers carry {@code usage_estimated: true} when this was used.
 */
final class UsageEstimator {

    private UsageEstimator() {
    }

    static Usage estimate(ChatRequest request, String completion) {
        int promptChars = 0;
        for (ChatMessage message : request.messages()) {
            promptChars += message.text().length() + 16;
        }
        return Usage.of(tokens(promptChars), tokens(completion == null ? 0 : completion.length()));
    }

    private static int tokens(int chars) {
        return (chars + 3) / 4;
    }
}
