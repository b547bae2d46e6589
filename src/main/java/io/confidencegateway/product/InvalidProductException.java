package io.confidencegateway.product;

import java.util.List;
import java.util.stream.Collectors;

/** A product id or spec that cannot be accepted, with every reason found. */
public final class InvalidProductException extends RuntimeException {

    private final transient List<SpecViolation> violations;

    public InvalidProductException(List<SpecViolation> violations) {
        super(violations.stream().map(SpecViolation::toString).collect(Collectors.joining("; ")), null, false,
                false);
        this.violations = List.copyOf(violations);
    }

    public InvalidProductException(SpecViolation violation) {
        this(List.of(violation));
    }

    /** What is wrong, field by field, sorted by field. */
    public List<SpecViolation> violations() {
        return violations;
    }
}
