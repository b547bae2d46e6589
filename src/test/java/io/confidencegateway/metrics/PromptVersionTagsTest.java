package io.confidencegateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromptVersionTagsTest {

    @Test
    void aProductKeepsItsOwnSeriesForTheFirstVersionsUpToTheBoundAndCountsLaterOnesAsOther() {
        var tags = new PromptVersionTags(3);

        assertThat(tags.tag("p", "1")).isEqualTo("1");
        assertThat(tags.tag("p", "2")).isEqualTo("2");
        assertThat(tags.tag("p", "2")).isEqualTo("2");
        assertThat(tags.tag("p", "7")).isEqualTo("7");
        assertThat(tags.tag("p", "8")).isEqualTo("other");
        // A version that got its series keeps it after the bound is reached.
        assertThat(tags.tag("p", "1")).isEqualTo("1");
        assertThat(tags.tag("p", "7")).isEqualTo("7");
    }

    @Test
    void eachProductHasABoundOfItsOwn() {
        var tags = new PromptVersionTags(1);

        assertThat(tags.tag("a", "4")).isEqualTo("4");
        assertThat(tags.tag("b", "5")).isEqualTo("5");
        assertThat(tags.tag("a", "5")).isEqualTo("other");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0", "-1", "other", "2.0", "1234567890", "v2"})
    void anythingButAVersionNumberIsOtherAndTakesNoPlace(String value) {
        var tags = new PromptVersionTags(1);

        assertThat(tags.tag("p", value)).isEqualTo("other");
        assertThat(tags.tag("p", "3")).isEqualTo("3");
    }

    @Test
    void theGatewayBoundIsTenVersionsPerProduct() {
        var tags = new PromptVersionTags(PromptVersionTags.MAX_PER_PRODUCT);
        for (int version = 1; version <= 10; version++) {
            assertThat(tags.tag("p", Integer.toString(version))).isEqualTo(Integer.toString(version));
        }
        assertThat(tags.tag("p", "11")).isEqualTo("other");
    }
}
