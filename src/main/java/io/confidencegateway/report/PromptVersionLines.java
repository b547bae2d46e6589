package io.confidencegateway.report;

import java.util.ArrayList;
import java.util.List;

import io.confidencegateway.insight.Metric;
import io.confidencegateway.insight.PromptVersionMetrics;

/** The week's answers by prompt version, in the words of the update, so a canary can be read next to production. */
final class PromptVersionLines {

    private PromptVersionLines() {
    }

    static List<WeeklyReport.PromptVersionLine> of(List<PromptVersionMetrics> versions) {
        var lines = new ArrayList<WeeklyReport.PromptVersionLine>(versions.size());
        for (PromptVersionMetrics v : versions) {
            var parts = new ArrayList<String>();
            parts.add(WeeklyReportBuilder.count(v.answers(), "question") + " answered");
            parts.add(share(v.reviewShare(), "needed an agent's check"));
            parts.add(share(v.handoffRate(), "went to a person"));
            if (v.editRate().hasData()) {
                parts.add(share(v.editRate(), "of sent drafts were substantially rewritten"));
            }
            parts.add(v.thumbsUp() + " thumbs up, " + v.thumbsDown() + " down");
            if (v.costPerAnswer().hasData()) {
                parts.add(BusinessFormat.dollars(v.costPerAnswer().value()) + " per answer");
            }
            if (v.meanConfidence().hasData()) {
                parts.add("average confidence " + BusinessFormat.percent(v.meanConfidence().value()));
            }
            lines.add(new WeeklyReport.PromptVersionLine(v.promptVersion(), v.answers(), String.join("; ", parts)));
        }
        return lines;
    }

    private static String share(Metric metric, String what) {
        return BusinessFormat.percent(metric.value()) + " " + what;
    }
}
