package io.confidencegateway.feedback;

import java.util.UUID;

/** The answer feedback is about: its product (null for a plain chat completion) and the draft text, if any. */
record AnswerDraft(UUID answerId, String product, String content) {
}
