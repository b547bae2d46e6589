package io.confidencegateway.confidence.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.confidence.ConfidenceModel;

class EvaluationToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void reportsTheMetricsAndWritesARefittedModel() throws Exception {
        Path data = dir.resolve("tiny.jsonl");
        Files.write(data, rows());
        Path model = dir.resolve("model.json");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new EvaluationTool(new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(data, ConfidenceModel.shipped(), 0.6, model.toString());
        String report = buffer.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("AUROC", "95% bootstrap CI", "balanced accuracy", "answer length alone",
                "AUROC within answer-length quintiles", "TPR at FPR 6%", "high band (>= 0.85)", "per group",
                "leave-one-group-out over 2 groups", "reliability (ECE");
        ConfidenceModel fitted = ConfidenceModel.read(Files.newInputStream(model));
        assertThat(fitted.version()).isEqualTo("v3");
        assertThat(fitted.byName()).containsKeys("claim_support", "facts");
        assertThat(fitted.calibration()).isNotNull();
        assertThat(fitted.evaluation()).containsKeys("in_sample_auroc", "cv_auroc", "cv_ece",
                "cv_tpr_at_fpr_0.06", "cv_high_band_precision", "cv_auroc_within_length_quintiles");
    }

    @Test
    void anExcludedSignalIsNeitherReadNorFittedAndTheModelSaysSo() throws Exception {
        Path data = dir.resolve("tiny.jsonl");
        Files.write(data, rows());
        Path model = dir.resolve("model.json");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        EvaluationTool.Options d = EvaluationTool.Options.defaults();
        new EvaluationTool(new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(data, ConfidenceModel.shipped(),
                new EvaluationTool.Options(0.6, model.toString(), null, "domain", 5, "v9", null,
                        java.util.Set.of("facts")));
        ConfidenceModel fitted = ConfidenceModel.read(Files.newInputStream(model));
        assertThat(fitted.version()).isEqualTo("v9");
        ConfidenceModel.Feature facts = fitted.byName().get("facts");
        // Kept from the prior, not refitted: the shipped model's weight and mean, marked unfitted.
        ConfidenceModel.Feature prior = ConfidenceModel.shipped().byName().get("facts");
        assertThat(facts.weight()).isEqualTo(prior.weight());
        assertThat(facts.mean()).isEqualTo(prior.mean());
        assertThat(facts.fitted()).isFalse();
        assertThat(fitted.note()).endsWith("Left out of the fit (--exclude; weight 0, so not run when serving): facts.");
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("leave-one-group-out over 2 groups of 'domain'");
        assertThat(d.exclude()).isEmpty();
    }

    @Test
    void cutsTheContextIntoPassagesAtLineEnds() {
        String context = ("A line of ten words that repeats to fill a passage.\n").repeat(20);
        EvalRow row = new EvalRow(context, "", "x", 0, null);
        assertThat(row.passages()).hasSize(3).allSatisfy(p -> assertThat(p.text()).doesNotStartWith("\n"));
        assertThat(row.passages().get(0).index()).isEqualTo(1);
    }

    /** 60 rows over two made-up domains: each faithful answer and a copy with one changed number or name. */
    private static List<String> rows() throws Exception {
        String[][] facts = {
            {"The museum opens at 9 am and closes at 5 pm on weekdays.", "The museum opens at 9 am.",
                "The museum opens at 7 am."},
            {"Tickets cost $12 for adults and $6 for children.", "Adult tickets cost $12.", "Adult tickets cost $15."},
            {"The east wing shows paintings by Vermeer and Rembrandt.", "The east wing shows Vermeer.",
                "The east wing shows Monet."}};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String[] f = facts[i % facts.length];
            String domain = i % 2 == 0 ? "museum" : "gallery";
            out.add(JSON.writeValueAsString(java.util.Map.of("context", f[0] + "\nVisitors enjoy the quiet rooms.",
                    "answer", f[1], "label", 0, "domain", domain)));
            out.add(JSON.writeValueAsString(java.util.Map.of("context", f[0] + "\nVisitors enjoy the quiet rooms.",
                    "answer", f[2], "label", 1, "domain", domain)));
        }
        return out;
    }
}
