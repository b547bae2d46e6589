package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignalCatalogTest {

    @Test
    void findsEverySignalClassAndTheShippedModelKnowsThemAll() {
        var names = SignalCatalog.discover().stream().map(ConfidenceSignal::name).toList();
        assertThat(names).containsExactlyInAnyOrder("answerable_refusal", "citations", "claim_support", "facts", "hedging",
                "invented_phrases", "mean_support", "novel_phrases", "refusal", "retrieval_strength",
                "supported_share", "token_alignment", "token_alignment_worst", "token_match_share",
                "token_probability", "token_unmatched_words", "unsupported_content", "unsupported_terms",
                "worst_claim_content");
        assertThat(ConfidenceModel.shipped().byName()).containsKeys(names.toArray(String[]::new));
    }
}
