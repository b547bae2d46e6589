package io.confidencegateway.feedback;

import java.util.UUID;

/**
 * The answer feedback is about: its product (null for a plain chat completion), the draft text, if any, and the id of
 * the API key that created it (null when none was recorded).
 */
record AnswerDraft(UUID answerId, String product, String content, UUID createdByKey) {
}
