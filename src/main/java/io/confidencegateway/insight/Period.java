package io.confidencegateway.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;

/**
 * Whole UTC days, both ends included: answers created from {@code from} 00:00Z up to the end of {@code to}.
 *
 * @param from the first day
 * @param to the last day
 */
public record Period(LocalDate from, LocalDate to) {

    /** Longest period one request may cover, to keep a request's reading of rows bounded. */
    public static final int MAX_DAYS = 366;

    public Instant start() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The period of {@code from}/{@code to} query parameters (ISO dates); a missing {@code to} is today, a missing
     * {@code from} is {@code defaultDays} days up to and including {@code to}. 400 naming the parameter otherwise.
     */
    public static Period parse(String from, String to, LocalDate today, int defaultDays) {
        LocalDate last = to == null || to.isBlank() ? today : date("to", to);
        LocalDate first = from == null || from.isBlank() ? last.minusDays(defaultDays - 1L) : date("from", from);
        if (first.isAfter(last)) {
            throw invalid("from", "must not be after 'to' (" + first + " > " + last + ")");
        }
        if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            throw invalid("from", "the period may cover at most " + MAX_DAYS + " days");
        }
        return new Period(first, last);
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException bad) {
            throw invalid(name, "must be an ISO date such as 2026-11-23; got '" + value + "'");
        }
    }

    private static ProblemException invalid(String name, String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, name + ": " + message, null,
                List.of(new Problem.FieldError(name, message))));
    }
}
