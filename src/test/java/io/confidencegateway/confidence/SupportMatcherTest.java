package io.confidencegateway.confidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.confidencegateway.chat.Passage;

/** How one answer sentence is matched to its closest passage window, and what that match says. */
class SupportMatcherTest {

    private static List<Passage> passages() {
        return List.of(
                new Passage(1, "shipping.md", null, "Standard shipping costs $4.99 and takes 3 to 5 days. Orders "
                        + "over $1,200 ship free with Northwind Express. Shipping to Canada is not available."),
                new Passage(2, "warranty.md", null, "Every laptop carries a two-year warranty from Contoso. The "
                        + "warranty covers defects but does not cover accidental damage."));
    }

    private static SupportMatch match(String sentence) {
        return ScoringContext.of(null, passages(), sentence, null).support().get(0);
    }

    @Test
    void aSentenceTakenFromOnePassageIsSupportedByThatPassage() {
        SupportMatch match = match("Orders over $1,200 ship free with Northwind Express.");

        assertThat(match.passageIndex()).isEqualTo(1);
        assertThat(match.passageSentence()).isEqualTo(1);
        assertThat(match.coverage()).isEqualTo(1.0);
        assertThat(match.score()).isEqualTo(1.0);
        assertThat(match.supported()).isTrue();
        assertThat(match.reason()).isEqualTo("supported by passage [1]");
    }

    @Test
    void aNameFoundOnlyInAnotherPassageIsCountedAsDisplacedNotAbsent() {
        SupportMatch match = match("Orders over $1,200 ship free with Contoso.");

        assertThat(match.passageIndex()).isEqualTo(1);
        assertThat(match.absentNames()).isEmpty();
        assertThat(match.displaced()).isEqualTo(1);
        assertThat(match.reason()).isEqualTo("1 name(s) or number(s) appear only in another part of the passages");
    }

    @Test
    void aNumberFoundOnlyInAnotherPassageIsCountedAsDisplaced() {
        SupportMatch match = match("Every laptop carries a warranty from Contoso and costs $4.99.");

        assertThat(match.passageIndex()).isEqualTo(2);
        assertThat(match.absentQuantities()).isEmpty();
        assertThat(match.displaced()).isEqualTo(1);
    }

    @Test
    void aNameInNoPassageIsAbsentAndCutsTheScore() {
        SupportMatch match = match("Orders over $1,200 ship free with Fabrikam.");

        assertThat(match.absentNames()).containsExactly("fabrikam");
        assertThat(match.displaced()).isZero();
        assertThat(match.score()).isCloseTo(0.35, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(match.supported()).isFalse();
        assertThat(match.reason()).startsWith("no passage mentions 'fabrikam'");
    }

    @Test
    void aNumberInNoPassageIsAbsent() {
        SupportMatch match = match("Orders over $2,500 ship free with Northwind Express.");

        assertThat(match.absentQuantities()).containsExactly("$2,500");
        assertThat(match.reason()).startsWith("no passage states '$2,500'");
    }

    @Test
    void aNegatedClaimAgainstAPlainPassageSentenceIsANegationMismatch() {
        SupportMatch match = match("Orders over $1,200 do not ship free with Northwind Express.");

        assertThat(match.negationMismatch()).isTrue();
        assertThat(match.score()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(match.reason()).startsWith("negation differs from passage [1]");
    }

    @Test
    void aPlainClaimAgainstANegatedPassageSentenceIsANegationMismatch() {
        SupportMatch match = match("Shipping to Canada is available.");

        assertThat(match.passageSentence()).isEqualTo(2);
        assertThat(match.negationMismatch()).isTrue();
    }

    @Test
    void matchingCanBeLimitedToOnePassage() {
        var context = ScoringContext.of(null, passages(), "Orders over $1,200 ship free with Northwind Express.",
                null);

        SupportMatch onlySecond = SupportMatcher.best(context.claims().get(0), context.passages(),
                context.passageTexts(), 1);

        assertThat(onlySecond.passageIndex()).isEqualTo(2);
        assertThat(onlySecond.coverage()).isLessThan(0.5);
    }

    @Test
    void withoutPassagesEveryFactIsAbsentAndTheReasonSaysThereIsNothingToCompare() {
        var context = ScoringContext.of(null, List.of(), "Orders over $1,200 ship free with Contoso.", null);

        SupportMatch match = context.support().get(0);

        assertThat(match.passageIndex()).isEqualTo(-1);
        assertThat(match.absentNames()).containsExactly("contoso");
        assertThat(match.absentQuantities()).containsExactly("$1,200");
        assertThat(match.score()).isZero();
        assertThat(match.reason()).contains("no passage to compare with");
    }
}
