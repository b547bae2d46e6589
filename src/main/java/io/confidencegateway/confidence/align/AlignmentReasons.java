package io.confidencegateway.confidence.align;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The words the alignment signals say to a support agent. */
public final class AlignmentReasons {

    /** Spans quoted in one reason, so that a long invented paragraph does not make a reason of it. */
    static final int QUOTED = 3;

    private AlignmentReasons() {
    }

    /** "'for an hour' has no close match in any passage" / "'x', 'y' and 2 more have no close match …". */
    public static String unmatched(List<String> spans) {
        if (spans.isEmpty()) {
            return "every content word has a close match in the passages";
        }
        List<String> quoted = new ArrayList<>();
        for (int i = 0; i < Math.min(QUOTED, spans.size()); i++) {
            quoted.add("'" + spans.get(i) + "'");
        }
        String list = String.join(", ", quoted);
        if (spans.size() > QUOTED) {
            list += " and " + (spans.size() - QUOTED) + " more";
        }
        return list + (spans.size() == 1 ? " has" : " have") + " no close match in any passage";
    }

    /** Every unmatched span of the answer, in order. */
    public static List<String> allUnmatched(TokenAlignment.Result result) {
        return result.sentences().stream().flatMap(s -> s.unmatched().stream()).collect(Collectors.toList());
    }

    public static String number(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
