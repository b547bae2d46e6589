package io.confidencegateway.report;

import static io.confidencegateway.report.BusinessFormat.PERCENT;
import static io.confidencegateway.report.BusinessFormat.SCORE;
import static io.confidencegateway.report.BusinessFormat.USD;
import static io.confidencegateway.report.BusinessFormat.percent;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.metrics.HealthCheck;
import io.confidencegateway.metrics.HealthStatus;
import io.confidencegateway.metrics.HealthTargets;
import io.confidencegateway.metrics.Metric;
import io.confidencegateway.metrics.ProductMetricsReport;

/**
 * Turns two weeks of product metrics into the stakeholder update: what is on target, what changed, what to do.
 * The action rules: deflection below target → expand the knowledge base; agents rewriting more than 30 % of
 * drafts → look at the prompt; made-up content at or above its limit → verify sources; accuracy below target →
 * review more answers.
 */
public final class WeeklyReportBuilder {

    /** Above this share of substantially rewritten drafts, the prompt needs attention. */
    static final double EDIT_RATE_LIMIT = 0.30;

    private WeeklyReportBuilder() {
    }

    public static WeeklyReport build(IsoWeek week, ProductMetricsReport now, ProductMetricsReport before) {
        HealthTargets t = now.targets();
        HealthCheck health = now.healthCheck();
        List<WeeklyReport.Line> highlights = List.of(
                line("csat", "Customer satisfaction (CSAT)", SCORE, now.productUsage().csat(),
                        before.productUsage().csat(), t.csat(), health.csat(),
                        m -> String.format(java.util.Locale.ROOT, "%.1f out of 5 from %d customer ratings (target "
                                + "%.1f)", m.value(), m.sampleSize(), t.csat()), "No customer ratings this week"),
                line("resolved_without_escalation", "Resolved without escalation", PERCENT,
                        now.businessImpact().resolutionRate(), before.businessImpact().resolutionRate(), null, null,
                        m -> percent(m.value()) + " of issues with a known outcome were resolved without escalation ("
                                + Math.round(m.value() * m.sampleSize()) + " of " + m.sampleSize() + ")",
                        "No issue outcomes reported this week"),
                line("deflection", "AI-assisted deflection", PERCENT, now.businessImpact().deflectionRate(),
                        before.businessImpact().deflectionRate(), t.deflection(), health.deflection(),
                        m -> percent(m.value()) + " of " + m.sampleSize() + " questions were answered without a "
                                + "human (target " + percent(t.deflection()) + ")", "No questions this week"),
                line("adoption", "Adoption", PERCENT, now.productUsage().adoptionRate(),
                        before.productUsage().adoptionRate(), t.adoption(), health.adoption(),
                        m -> percent(m.value()) + " of eligible users asked at least one question (" + m.sampleSize()
                                + " users; target " + percent(t.adoption()) + ")",
                        "Not measured: no questions this week, or the product does not state its eligible users"),
                line("cost_per_resolution", "Cost per resolution", USD, now.businessImpact().costPerResolution(),
                        before.businessImpact().costPerResolution(), null, null,
                        m -> BusinessFormat.dollars(m.value()) + " per resolved issue (" + m.sampleSize()
                                + " resolved)", "No resolved issues with a known cost this week"));
        List<WeeklyReport.Line> quality = List.of(
                line("accuracy", "Answers judged correct", PERCENT, now.modelQuality().accuracy(),
                        before.modelQuality().accuracy(), t.accuracy(), health.accuracy(),
                        m -> percent(m.value()) + " of " + m.sampleSize() + " checked answers were correct (target "
                                + percent(t.accuracy()) + ")", "No answers were checked this week"),
                line("factual_errors", "Factual errors", PERCENT, now.modelQuality().hallucinationRate(),
                        before.modelQuality().hallucinationRate(), t.hallucinationBelow(), health.hallucination(),
                        m -> percent(m.value()) + " of " + m.sampleSize() + " checked answers contained made-up "
                                + "facts (limit: below " + percent(t.hallucinationBelow()) + ")",
                        "No answers were checked this week"),
                line("edit_rate", "Agent edit rate", PERCENT, now.productUsage().editRate(),
                        before.productUsage().editRate(), EDIT_RATE_LIMIT, editStatus(now.productUsage().editRate()),
                        m -> percent(m.value()) + " of " + m.sampleSize() + " drafts sent were substantially "
                                + "rewritten by agents", "No sent drafts reported this week"));
        String status = health.passed() + "/" + health.measured() + " metrics on target"
                + (health.measured() < 5 ? " (" + (5 - health.measured()) + " without data)" : "");
        return new WeeklyReport(now.product(), week.toString(), now.from(), now.to(), week.previous().toString(),
                new WeeklyReport.Status(health.passed(), health.measured(), status), highlights, quality,
                actions(now, t));
    }

    private static List<String> actions(ProductMetricsReport now, HealthTargets t) {
        List<String> actions = new ArrayList<>();
        Metric deflection = now.businessImpact().deflectionRate();
        if (deflection.hasData() && deflection.value() < t.deflection()) {
            actions.add("Expand knowledge-base coverage for the questions that still reach a human: AI-assisted "
                    + "deflection is " + percent(deflection.value()) + ", target " + percent(t.deflection()) + ".");
        }
        Metric edits = now.productUsage().editRate();
        if (edits.hasData() && edits.value() > EDIT_RATE_LIMIT) {
            actions.add("Investigate prompt quality for the top categories: agents substantially rewrote "
                    + percent(edits.value()) + " of drafts (more than " + percent(EDIT_RATE_LIMIT) + ").");
        }
        Metric errors = now.modelQuality().hallucinationRate();
        if (errors.hasData() && errors.value() >= t.hallucinationBelow()) {
            actions.add("Add a source verification step before answers reach customers: " + percent(errors.value())
                    + " of checked answers contained made-up facts (limit: below " + percent(t.hallucinationBelow())
                    + ").");
        }
        Metric accuracy = now.modelQuality().accuracy();
        if (accuracy.hasData() && accuracy.value() < t.accuracy()) {
            actions.add("Send more answers to agent review until accuracy is back on target: "
                    + percent(accuracy.value()) + " of checked answers were correct, target " + percent(t.accuracy())
                    + ".");
        }
        if (actions.isEmpty()) {
            actions.add("No action needed: every measured figure is on target.");
        }
        return actions;
    }

    private static HealthStatus editStatus(Metric edits) {
        if (!edits.hasData()) {
            return HealthStatus.NO_DATA;
        }
        return edits.value() <= EDIT_RATE_LIMIT ? HealthStatus.PASS : HealthStatus.WARN;
    }

    private static WeeklyReport.Line line(String key, String label, String unit, Metric now, Metric before,
            Double target, HealthStatus status, java.util.function.Function<Metric, String> describe, String none) {
        Double change = now.hasData() && before.hasData() ? now.value() - before.value() : null;
        Boolean onTarget = status == null || status == HealthStatus.NO_DATA ? null : status == HealthStatus.PASS;
        return new WeeklyReport.Line(key, label, unit, now.value(), target, onTarget, now.sampleSize(),
                now.hasData() ? describe.apply(now) : none, before.value(), change,
                BusinessFormat.change(unit, now.value(), before.value()));
    }
}
