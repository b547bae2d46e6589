package io.confidencegateway.confidence.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.chat.Passage;

/**
 * One labelled example: {@code {context, question?, answer, label, domain?|model?}} where label 1 means the answer
 * is unfaithful to the context. The context stands for the retrieved passages.
 */
public record EvalRow(String context, String question, String answer, int label, Map<String, String> fields) {

    /** Passages of about this many words, cut at line ends, as a retriever's chunker would. */
    static final int PASSAGE_WORDS = 80;

    public EvalRow {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }

    /** The row's {@code domain}, else its {@code model}: the default grouping of the per-group report. */
    public String group() {
        return fields.getOrDefault("domain", fields.get("model"));
    }

    /** A top-level scalar field of the row as text ({@code model}, {@code ragtruth_source_id}…), or null. */
    public String field(String name) {
        return fields.get(name);
    }

    public boolean faithful() {
        return label == 0;
    }

    public static List<EvalRow> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<EvalRow> rows = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                if (!node.hasNonNull("context") || !node.hasNonNull("answer") || !node.hasNonNull("label")) {
                    throw new IOException("line " + number + ": needs context, answer and label");
                }
                Map<String, String> fields = new HashMap<>();
                node.properties().forEach(e -> {
                    if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                        fields.put(e.getKey(), e.getValue().asText());
                    }
                });
                fields.keySet().removeAll(Set.of("context", "answer", "question"));
                rows.add(new EvalRow(node.get("context").asText(), node.path("question").asText(""),
                        node.get("answer").asText(), node.get("label").asInt(), fields));
            }
        }
        return rows;
    }

    /** The context cut into passages of about {@link #PASSAGE_WORDS} words at line ends, numbered from 1. */
    public List<Passage> passages() {
        List<Passage> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int words = 0;
        for (String line : context.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line.strip());
            words += line.strip().split("\\s+").length;
            if (words >= PASSAGE_WORDS) {
                out.add(Passage.of(out.size() + 1, current.toString()));
                current.setLength(0);
                words = 0;
            }
        }
        if (current.length() > 0) {
            out.add(Passage.of(out.size() + 1, current.toString()));
        }
        return out;
    }
}
