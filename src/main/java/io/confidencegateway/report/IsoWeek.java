package io.confidencegateway.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.confidencegateway.problem.Problem;
import io.confidencegateway.problem.ProblemException;
import io.confidencegateway.insight.Period;

/** An ISO-8601 week ({@code 2026-W48}): Monday to Sunday, UTC. */
public record IsoWeek(int year, int week) {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    /** The week in {@code yyyy-Www} form, or the last complete week before {@code today} when absent. */
    public static IsoWeek parse(String text, LocalDate today) {
        if (text == null || text.isBlank()) {
            return of(today.minusWeeks(1));
        }
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw invalid("must be an ISO week such as 2026-W48; got '" + text + "'");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        long weeks = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(LocalDate.of(year, 6, 1)).getMaximum();
        if (week < 1 || week > weeks) {
            throw invalid(year + " has weeks 1 to " + weeks + "; got " + week);
        }
        return new IsoWeek(year, week);
    }

    public static IsoWeek of(LocalDate day) {
        return new IsoWeek(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public LocalDate monday() {
        return LocalDate.of(year, 1, 4).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public Period period() {
        return new Period(monday(), monday().plusDays(6));
    }

    public IsoWeek previous() {
        return of(monday().minusWeeks(1));
    }

    @Override
    public String toString() {
        return String.format("%04d-W%02d", year, week);
    }

    private static ProblemException invalid(String message) {
        return new ProblemException(new Problem("about:blank", "Bad Request", 400, "week: " + message, null,
                List.of(new Problem.FieldError("week", message))));
    }
}
