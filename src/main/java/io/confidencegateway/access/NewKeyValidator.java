package io.confidencegateway.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

/** Checks a {@code POST /v1/keys} body; each fault names the field and what it accepts. */
public final class NewKeyValidator {

    static final int MAX_NAME = 200;
    /** The largest budget (US dollars) that the nano-dollar counters hold with room to spare. */
    static final BigDecimal MAX_BUDGET_USD = BigDecimal.valueOf(1_000_000_000L);

    private NewKeyValidator() {
    }

    /** The faults, empty when the request is valid. */
    public static List<Problem.FieldError> faults(NewKey request, Instant now) {
        List<Problem.FieldError> faults = new ArrayList<>();
        if (request == null) {
            faults.add(new Problem.FieldError("body", "send a JSON object with at least 'name' and 'role'"));
            return faults;
        }
        if (request.name() == null || request.name().isBlank()) {
            faults.add(new Problem.FieldError("name", "required: who or what the key is for"));
        } else if (request.name().length() > MAX_NAME) {
            faults.add(new Problem.FieldError("name", "at most " + MAX_NAME + " characters"));
        }
        if (Role.parse(request.role()) == null) {
            faults.add(new Problem.FieldError("role", "required: client, agent or admin"));
        }
        names("products", request.products(), faults);
        names("models", request.models(), faults);
        positive("rpm", request.rpm(), faults);
        positive("tpm", request.tpm(), faults);
        positive("max_parallel", request.maxParallel(), faults);
        if (request.budgetUsd() != null && (request.budgetUsd().signum() < 0
                || request.budgetUsd().compareTo(MAX_BUDGET_USD) > 0)) {
            faults.add(new Problem.FieldError("budget_usd", "a number of US dollars from 0 to " + MAX_BUDGET_USD));
        }
        if (request.budgetPeriod() != null) {
            if (ApiKey.BudgetPeriod.parse(request.budgetPeriod()) == null) {
                faults.add(new Problem.FieldError("budget_period", "day or month"));
            } else if (request.budgetUsd() == null) {
                faults.add(new Problem.FieldError("budget_period", "only with budget_usd"));
            }
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            faults.add(new Problem.FieldError("expires_at", "must lie in the future"));
        }
        return faults;
    }

    /** Throws a 400 naming every fault. */
    public static void check(NewKey request, Instant now) {
        List<Problem.FieldError> faults = faults(request, now);
        if (!faults.isEmpty()) {
            String detail = String.join("; ", faults.stream().map(f -> f.field() + ": " + f.message()).toList());
            throw new ProblemException(new Problem("about:blank", "Bad Request", 400, detail, null, faults));
        }
    }

    private static void names(String field, List<String> values, List<Problem.FieldError> faults) {
        if (values == null) {
            return;
        }
        if (values.isEmpty()) {
            faults.add(new Problem.FieldError(field, "leave it out for any, or list at least one"));
            return;
        }
        for (String value : values) {
            if (value == null || value.isBlank() || value.contains(",") || value.length() > 200) {
                faults.add(new Problem.FieldError(field, "each entry a non-empty name without commas"));
                return;
            }
        }
    }

    private static void positive(String field, Integer value, List<Problem.FieldError> faults) {
        if (value != null && value < 1) {
            faults.add(new Problem.FieldError(field, "a whole number of at least 1"));
        }
    }
}
