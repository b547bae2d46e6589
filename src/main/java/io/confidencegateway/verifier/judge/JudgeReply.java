package io.confidencegateway.verifier.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.confidencegateway.confidence.SignalResult;

/**
 * Reads the judge's reply strictly: exactly the schema of {@link JudgePrompt} (no other fields, no text around
 * it; one wrapping Markdown code fence is the only leniency, since chat models add one unasked), one entry per
 * sentence numbered 1…n in order, each labelled {@code supported} or {@code unsupported}. Anything else is
 * malformed, and a malformed reply gives no signal rather than a guess.
 */
public final class JudgeReply {

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    static {
        STRICT.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }

    private JudgeReply() {
    }

    /** The reply's shape. */
    record Reply(List<Entry> sentences) {
    }

    /** One judged sentence. */
    record Entry(int index, String label, String reason) {
    }

    /** The reply did not follow the schema; the message says how. */
    public static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The signal in a reply that judged {@code sentenceIndexes.size()} sentences.
     *
     * @throws Malformed when the reply does not follow the schema exactly
     */
    public static SignalResult parse(String text, List<Integer> sentenceIndexes) {
        JsonNode tree;
        try {
            tree = STRICT.readTree(unfenced(text == null ? "" : text.strip()));
        } catch (JsonProcessingException e) {
            throw new Malformed("not a JSON object");
        }
        if (tree == null || !tree.isObject()) {
            throw new Malformed("not a JSON object");
        }
        Reply reply;
        try {
            reply = STRICT.treeToValue(tree, Reply.class);
        } catch (UnrecognizedPropertyException e) {
            throw new Malformed("field '" + e.getPropertyName() + "' is not in the schema");
        } catch (JsonProcessingException e) {
            throw new Malformed("a field has the wrong type");
        }
        int n = sentenceIndexes.size();
        if (reply == null || reply.sentences() == null) {
            throw new Malformed("no \"sentences\" list");
        }
        if (reply.sentences().size() != n) {
            throw new Malformed(reply.sentences().size() + " entries for " + n + " sentences");
        }
        var flags = new ArrayList<SignalResult.Flag>();
        var unsupported = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            Entry entry = reply.sentences().get(i);
            if (entry == null || entry.index() != i + 1) {
                throw new Malformed("entry " + (i + 1) + " is not numbered " + (i + 1));
            }
            String label = entry.label() == null ? "" : entry.label();
            String reason = entry.reason() == null ? "" : entry.reason().strip();
            if (label.equals("unsupported")) {
                String why = reason.isEmpty() ? "the judge found no support" : "judge: " + reason;
                flags.add(new SignalResult.Flag(sentenceIndexes.get(i), why));
                unsupported.add("sentence " + (sentenceIndexes.get(i) + 1) + " unsupported"
                        + (reason.isEmpty() ? "" : " (" + reason + ")"));
            } else if (!label.equals("supported")) {
                throw new Malformed("entry " + (i + 1) + " has label '" + label
                        + "', not supported or unsupported");
            }
        }
        int supported = n - flags.size();
        String summary = String.format(Locale.ROOT, "the judge found %d of %d sentences supported", supported, n);
        String reason = unsupported.isEmpty() ? summary
                : summary + "; " + String.join("; ", unsupported.stream().limit(3).toList());
        return new SignalResult((double) supported / n, reason, flags);
    }

    private static String unfenced(String text) {
        if (text.startsWith("```") && text.endsWith("```") && text.length() >= 6) {
            int firstLine = text.indexOf('\n');
            if (firstLine > 0 && firstLine < text.length() - 3) {
                String info = text.substring(3, firstLine).strip();
                if (info.isEmpty() || info.equalsIgnoreCase("json")) {
                    return text.substring(firstLine + 1, text.length() - 3).strip();
                }
            }
        }
        return text;
    }
}
