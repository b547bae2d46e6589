package io.confidencegateway.answer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** How a frontend should present an answer: border colour, icon and, below high confidence, a disclaimer. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UxTreatment(String borderColor, String icon, String disclaimer) {

    public static final UxTreatment HIGH = new UxTreatment("#27ae60", "check_circle", null);
    public static final UxTreatment MEDIUM = new UxTreatment("#f39c12", "info",
            "This response may need verification.");
    public static final UxTreatment LOW = new UxTreatment("#e94560", "warning",
            "Low confidence. Please verify before using.");

    /**
     * A hand-off: no AI answer is offered, whatever the draft scored (a refusal the passages bear out scores high),
     * so it never wears the green tick; the frontend shows that a person will answer.
     */
    public static final UxTreatment HANDOFF = new UxTreatment("#7f8c8d", "support_agent",
            "Handed off to a person: they will answer this question.");

    /** The treatment for a confidence label. */
    public static UxTreatment forLabel(String label) {
        if ("high_confidence".equals(label)) {
            return HIGH;
        }
        return "medium_confidence".equals(label) ? MEDIUM : LOW;
    }
}
