package io.confidencegateway.confidence;

import io.confidencegateway.chat.Passage;
import java.util.List;

import io.confidencegateway.chat.Logprobs;

/** Small hand-written passages and answers about a fictional shop's policies. */
public final class Fixtures {

    public static final List<Passage> POLICY = List.of(
            new Passage(1, "refund_policy_v3.pdf", 2, "Customers can return any unused item within 30 days of "
                    + "purchase for a full refund. Refunds are paid to the original card within 5 business days. "
                    + "Opened software cannot be returned."),
            new Passage(2, "shipping.md", null, "Standard shipping costs $4.99 and takes 3 to 5 days. Orders over "
                    + "$1,200 ship free with Northwind Express. Shipping to Canada is not available."),
            new Passage(3, "warranty.md", null, "Every laptop carries a two-year warranty from Contoso. The warranty "
                    + "covers defects but does not cover accidental damage. Battery capacity below 80% counts as a "
                    + "defect."));

    public static final String QUESTION = "How long do I have to return an item for a refund?";

    private Fixtures() {
    }

    public static ScoringContext context(String answer) {
        return ScoringContext.of(QUESTION, POLICY, answer, null);
    }

    public static ScoringContext context(String question, String answer, Logprobs logprobs) {
        return ScoringContext.of(question, POLICY, answer, logprobs);
    }
}
