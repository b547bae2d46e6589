package io.confidencegateway.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.problem.Problem;

class PromptValidatorTest {

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    private static List<Problem.FieldError> check(NewPrompt prompt) {
        return PromptValidator.check(prompt, "gpt-4o-mini"::equals);
    }

    @Test
    void aVersionWithOnlyInstructionsIsFine() {
        assertThat(check(new NewPrompt("Answer from the passages.", null, null, null, null))).isEmpty();
        assertThat(check(new NewPrompt("x".repeat(20_000), "gpt-4o-mini", 0.0, 1, "n".repeat(2_000)))).isEmpty();
        assertThat(check(new NewPrompt("x", null, 2.0, 20, null))).isEmpty();
    }

    @Test
    void missingBlankOrTooLongInstructionsAreNamed() {
        assertThat(check(null).get(0).message()).contains("is required");
        assertThat(check(new NewPrompt(" ", null, null, null, null)).get(0).message())
                .isEqualTo("is required and must not be blank");
        assertThat(check(new NewPrompt("x".repeat(20_001), null, null, null, null)).get(0).message())
                .isEqualTo("at most 20000 characters, got 20001");
    }

    @ParameterizedTest(name = "temperature {0}, passages {1}")
    @CsvSource({"-0.01, 1", "2.01, 1", "0.5, 0", "0.5, 21", "NaN, 5"})
    void outOfRangeNumbersAreNamed(double temperature, int passages) {
        List<Problem.FieldError> errors = check(new NewPrompt("x", null, temperature, passages, null));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).message()).contains("must be between");
    }

    @Test
    void anUnknownModelAliasPointsAtTheModelList() {
        List<Problem.FieldError> errors = check(new NewPrompt("x", "gpt-9", null, null, "n".repeat(2_001)));

        assertThat(fields(errors)).containsExactly("model", "note");
        assertThat(errors.get(0).message()).isEqualTo("'gpt-9' is not a model alias; GET /v1/models lists them, or "
                + "leave model out to keep the product's");
    }

    @ParameterizedTest(name = "other labels {0}% + {1}% → ok: {2}")
    @CsvSource({"0, 100, true", "90, 10, true", "90, 11, false", "0, 101, false", "0, -1, false"})
    void weightsOfTheOtherLabelsNeverAddUpToMoreThanEveryone(int others, int weight, boolean ok) {
        List<Problem.FieldError> errors = PromptValidator.check("canary", new LabelMove(2, weight, null, null), others);

        assertThat(errors.isEmpty()).isEqualTo(ok);
        if (!ok) {
            assertThat(fields(errors)).containsExactly("weight");
        }
    }

    @Test
    void theOverflowSaysHowMuchIsLeft() {
        assertThat(PromptValidator.check("canary", new LabelMove(2, 30, null, null), 80).get(0).message())
                .isEqualTo("the other labels already take 80% of the traffic, so this one can take at most 20%, "
                        + "got 30");
    }

    @Test
    void productionTakesNoWeightAndCountsNoOtherLabels() {
        assertThat(PromptValidator.check("production", new LabelMove(2, null, null, null), 100)).isEmpty();
        assertThat(PromptValidator.check("production", new LabelMove(2, 0, null, null), 100)).isEmpty();
        assertThat(PromptValidator.check("production", new LabelMove(2, 10, null, null), 0).get(0).message())
                .startsWith("production takes whatever the other labels leave");
    }

    @Test
    void aForcedMoveNeedsAReason() {
        assertThat(PromptValidator.check("production", new LabelMove(3, null, " ", true), 0))
                .extracting(Problem.FieldError::message)
                .containsExactly("a forced move needs a reason, kept in the audit log");
        assertThat(PromptValidator.check("production", new LabelMove(3, null, "legal wording", true), 0)).isEmpty();
        assertThat(PromptValidator.check("production", new LabelMove(3, null, null, false), 0)).isEmpty();
    }

    @Test
    void aMoveNeedsAVersionOfOneOrMoreAndALabelSlug() {
        assertThat(fields(PromptValidator.check("canary", new LabelMove(null, 5, null, null), 0)))
                .containsExactly("version");
        assertThat(fields(PromptValidator.check("canary", null, 0))).containsExactly("version");
        assertThat(fields(PromptValidator.check("canary", new LabelMove(0, 5, null, null), 0)))
                .containsExactly("version");
        assertThat(PromptValidator.check("canary", new LabelMove(1, 5, null, null), 0)).isEmpty();
        assertThat(fields(PromptValidator.check("Canary", new LabelMove(1, 5, null, null), 0)))
                .containsExactly("label");
        assertThat(fields(PromptValidator.check("1st", new LabelMove(1, 5, null, null), 0)))
                .containsExactly("label");
        assertThat(PromptValidator.isValidLabel("a" + "b".repeat(39))).isTrue();
        assertThat(PromptValidator.isValidLabel("a" + "b".repeat(40))).isFalse();
    }
}
