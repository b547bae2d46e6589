package io.confidencegateway.report;

import static io.confidencegateway.report.BusinessFormat.PERCENT;
import static io.confidencegateway.report.BusinessFormat.SCORE;
import static io.confidencegateway.report.BusinessFormat.USD;
import static io.confidencegateway.report.BusinessFormat.percent;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.insight.HealthCheck;
import io.confidencegateway.insight.HealthStatus;
import io.confidencegateway.insight.HealthTargets;
import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.ProductMetricsReport;

/**
 * Turns two weeks of product metrics into the stakeholder update: what is on target, what changed, what to do.
 * The action rules: deflection below target → expand the knowledge base; agents rewriting more than 30 % of
 * drafts → look at the prompt; made-up content at or above its limit → verify sources; accuracy below target →
 * review more answers. A week without questions, or figures without data, say so instead of "no action needed".
 */
public final class WeeklyReportBuilder {

    /** Above this share of substantially rewritten drafts, the prompt needs attention. */
    static final double EDIT_RATE_LIMIT = 0.30;
    /** Figures the health check judges (accuracy, factual errors, CSAT, adoption, deflection). */
    private static final int CHECKS = 5;

    private WeeklyReportBuilder() {
    }

    public static WeeklyReport build(IsoWeek week, ProductMetricsReport now, ProductMetricsReport before) {
        HealthTargets t = now.targets();
        HealthCheck health = now.healthCheck();
        List<WeeklyReport.Line> highlights = List.of(
                line("csat", "Customer satisfaction (CSAT)", SCORE, now.productUsage().csat(),
                        before.productUsage().csat(), t.csat(), health.csat(),
                        m -> String.format(java.util.Locale.ROOT, "%.1f out of 5 from %s (target %.1f)", m.value(),
                                count(m.sampleSize(), "customer rating"), t.csat()), "No customer ratings this week"),
                line("resolved_without_escalation", "Resolved without escalation", PERCENT,
                        now.businessImpact().resolutionRate(), before.businessImpact().resolutionRate(), null, null,
                        m -> percent(m.value()) + " of issues with a known outcome were resolved without escalation ("
                                + Math.round(m.value() * m.sampleSize()) + " of " + m.sampleSize() + ")",
                        "No issue outcomes reported this week"),
                line("deflection", "AI-assisted deflection", PERCENT, now.businessImpact().deflectionRate(),
                        before.businessImpact().deflectionRate(), t.deflection(), health.deflection(),
                        m -> percent(m.value()) + " of " + count(m.sampleSize(), "question") + " were answered "
                                + "without a human (target " + percent(t.deflection()) + ")", "No questions this week"),
                line("adoption", "Adoption", PERCENT, now.productUsage().adoptionRate(),
                        before.productUsage().adoptionRate(), t.adoption(), health.adoption(),
                        m -> percent(m.value()) + " of eligible users asked at least one question ("
                                + count(m.sampleSize(), "user") + "; target " + percent(t.adoption()) + ")",
                        "Not measured: no question this week said who asked, or the product does not state its eligible users"),
                line("cost_per_resolution", "Cost per resolution", USD, now.businessImpact().costPerResolution(),
                        before.businessImpact().costPerResolution(), null, null,
                        m -> BusinessFormat.dollars(m.value()) + " per resolved issue (" + m.sampleSize()
                                + " resolved)", "No resolved issues with a known cost this week"),
                line("handoffs_answered", "Hand-offs answered by the team", PERCENT,
                        now.businessImpact().handoffAnswerRate(), before.businessImpact().handoffAnswerRate(), null,
                        null, m -> percent(m.value()) + " of questions handed to a person were answered by the support "
                                + "team (" + Math.round(m.value() * m.sampleSize()) + " of " + m.sampleSize() + ")",
                        "No questions were handed to a person this week"));
        List<WeeklyReport.Line> quality = List.of(
                line("accuracy", "Answers judged correct", PERCENT, now.modelQuality().accuracy(),
                        before.modelQuality().accuracy(), t.accuracy(), health.accuracy(),
                        m -> percent(m.value()) + " of " + count(m.sampleSize(), "checked answer") + " were correct (target "
                                + percent(t.accuracy()) + ")", "No answers were checked this week"),
                line("factual_errors", "Factual errors", PERCENT, now.modelQuality().hallucinationRate(),
                        before.modelQuality().hallucinationRate(), t.hallucinationBelow(), health.hallucination(),
                        m -> percent(m.value()) + " of " + count(m.sampleSize(), "checked answer") + " contained "
                                + "made-up facts (limit: below " + percent(t.hallucinationBelow()) + ")",
                        "No answers were checked this week"),
                line("edit_rate", "Agent edit rate", PERCENT, now.productUsage().editRate(),
                        before.productUsage().editRate(), EDIT_RATE_LIMIT, editStatus(now.productUsage().editRate()),
                        m -> percent(m.value()) + " of " + count(m.sampleSize(), "draft") + " sent "
                                + (m.sampleSize() == 1 ? "was" : "were") + " substantially rewritten by agents", "No sent drafts reported this week"));
        String status = now.answers() == 0 ? "No data this week: no questions were answered"
                : health.passed() + "/" + health.measured() + " metrics on target"
                        + (health.measured() < CHECKS ? " (" + (CHECKS - health.measured()) + " without data)" : "");
        return new WeeklyReport(now.product(), week.toString(), now.from(), now.to(), week.previous().toString(),
                new WeeklyReport.Status(health.passed(), health.measured(), status), highlights, quality,
                actions(now, t), PromptVersionLines.of(now.byPromptVersion()));
    }

    /** The figures the health check judges, as stakeholders call them, with what it takes to measure each. */
    private record Check(String label, HealthStatus status, String toMeasure) {
    }

    private static List<Check> checks(HealthCheck h) {
        return List.of(new Check("answers judged correct", h.accuracy(), "agents rate or review drafts"),
                new Check("factual errors", h.hallucination(), "agents rate or review drafts"),
                new Check("customer satisfaction", h.csat(), "customers rate their answers"),
                new Check("adoption", h.adoption(), "the support tool says who asked each question and the "
                        + "product states how many users may use it"),
                new Check("AI-assisted deflection", h.deflection(), "questions are asked"));
    }

    private static List<String> actions(ProductMetricsReport now, HealthTargets t) {
        if (now.answers() == 0) {
            return List.of("Nothing to judge this week: no questions were answered, so no figure could be measured. "
                    + "If customers did ask, check that the support tool sends their questions to the gateway.");
        }
        List<String> actions = ruleActions(now, t);
        List<Check> unmeasured = checks(now.healthCheck()).stream().filter(c -> c.status() == HealthStatus.NO_DATA)
                .toList();
        if (actions.isEmpty()) {
            List<String> onTarget = checks(now.healthCheck()).stream()
                    .filter(c -> c.status() == HealthStatus.PASS).map(Check::label).toList();
            actions.add(unmeasured.isEmpty() ? "No action needed: every figure is on target."
                    : "No action needed on what could be measured (" + String.join(", ", onTarget) + " on target).");
        }
        if (!unmeasured.isEmpty()) {
            actions.add("Too little data to judge " + String.join(", ", unmeasured.stream().map(Check::label)
                    .toList()) + " this week; these are measured once " + String.join("; ", unmeasured.stream()
                    .map(Check::toMeasure).distinct().toList()) + ".");
        }
        return actions;
    }

    private static List<String> ruleActions(ProductMetricsReport now, HealthTargets t) {
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
        return actions;
    }

    /** "1 user", "5 users". */
    static String count(long n, String singular) {
        return n + " " + singular + (n == 1 ? "" : "s");
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
