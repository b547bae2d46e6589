package io.confidencegateway.product;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PromptGateTest {

    private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

    @ParameterizedTest(name = "{0} points valid: {1}")
    @CsvSource({"0, true", "100, true", "2.5, true", "-0.001, false", "100.001, false"})
    void everyAllowanceIsBetweenZeroAndOneHundredPointsInclusive(double points, boolean valid) {
        var gate = new PromptGate(points, points, points);

        var violations = validator.validate(gate);

        assertThat(violations.isEmpty()).isEqualTo(valid);
        if (!valid) {
            assertThat(violations).extracting(ConstraintViolation::getMessage).containsOnly(
                    "must be a number of percentage points between 0 and 100");
            assertThat(violations).hasSize(3);
        }
    }

    @Test
    void leftOutAllowancesTakeTheDefaultsAndStatedOnesAreKept() {
        assertThat(new PromptGate(null, 0.5, null).withDefaults()).isEqualTo(new PromptGate(2.0, 0.5, 5.0));
        assertThat(new PromptGate(7.0, null, 0.0).withDefaults()).isEqualTo(new PromptGate(7.0, 2.0, 0.0));
        assertThat(PromptGate.DEFAULT).isEqualTo(new PromptGate(2.0, 2.0, 5.0));
    }
}
