package io.confidencegateway.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.Validation;

import org.junit.jupiter.api.Test;

import io.confidencegateway.verifier.Verification;
import io.confidencegateway.verifier.Verifier;
import io.confidencegateway.verifier.VerifierService;
import io.smallrye.mutiny.Uni;

/** A product can opt only into verifiers this gateway has configured. */
class ProductVerifiersTest {

    private static final Verifier UNCONFIGURED_JUDGE = new Verifier() {
        @Override
        public String name() {
            return "judge";
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Optional<String> unavailable() {
            return Optional.of("set gateway.verifiers.judge.model to a model alias");
        }

        @Override
        public Uni<Verification> verify(Input input) {
            throw new AssertionError("an unconfigured verifier is never called");
        }
    };

    private static ProductSpec spec(List<String> verifiers) {
        return new ProductSpec("Test", null, null, null, null, 3.0, ProductSpec.ContextWindow.SHORT,
                ProductSpec.RiskLevel.LOW, false, false, 0.9, null, null, null, ProductSpec.PiiHandling.NONE, null,
                null, null, null, verifiers, null);
    }

    private final ProductValidator validator = new ProductValidator(
            Validation.buildDefaultValidatorFactory().getValidator(), model -> true,
            new VerifierService(List.of(UNCONFIGURED_JUDGE))::problem);

    @Test
    void aVerifierTheGatewayHasNotConfiguredIsRefusedWithWhatToSet() {
        var refused = catchThrowableOfType(InvalidProductException.class,
                () -> validator.validate("p", spec(List.of("judge"))));

        assertThat(refused.violations()).containsExactly(new SpecViolation("verifiers[0]", "'judge' is not "
                + "configured on this gateway: set gateway.verifiers.judge.model to a model alias; leave it out of "
                + "verifiers to answer without it"));
    }

    @Test
    void noVerifiersIsTheDefaultAndValid() {
        validator.validate("p", spec(null));
        validator.validate("p", spec(List.of()));
        assertThat(spec(null).verifierNames()).isEmpty();
    }
}
