package io.confidencegateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

/** Stakeholder texts must not use model jargon. */
public final class BusinessLanguage {

    public static final List<String> JARGON = List.of("auroc", "f1", "perplexity", "logprob", "token", "ece",
            "calibration");

    private BusinessLanguage() {
    }

    public static void assertNoJargon(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : JARGON) {
            assertThat(lower).as("jargon '%s'", word).doesNotContainPattern("\\b" + word);
        }
    }
}
