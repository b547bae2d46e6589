package io.confidencegateway.knowledge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A large, deterministic markdown manual for upload timing: one heading and one paragraph of about 400 characters
 * per section, like the 1.8 MB file of issue 11 (4,500 passages). {@code main(path, bytes)} writes one to a file
 * (used by {@code bench/upload-time.sh}).
 */
public final class LargeMarkdown {

    private static final List<String> SUBJECTS = List.of("The invoice", "A refund", "The annual plan", "Your account",
            "The billing contact", "A team seat", "The payment method", "Two-factor sign-in", "The export", "A coupon");
    private static final List<String> VERBS = List.of("is issued", "is refunded", "renews", "is locked", "is updated",
            "is charged", "expires", "is confirmed", "is archived", "is applied");
    private static final List<String> TAILS = List.of("within 3 business days", "on the first day of the month",
            "after 7 failed attempts", "once the owner approves it", "when the card on file is declined",
            "before the next billing cycle starts", "for every active member of the workspace",
            "unless support has extended the deadline", "in the currency of the original purchase",
            "as soon as the change is saved");

    private LargeMarkdown() {
    }

    /** A manual of at least {@code targetBytes} UTF-8 bytes; the same seed gives the same text. */
    public static String generate(long targetBytes, long seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("# Operations manual\n\n");
        int section = 0;
        while (text.length() < targetBytes) {
            section++;
            text.append("## Rule ").append(section).append(": ").append(pick(random, SUBJECTS).toLowerCase())
                    .append("\n\n");
            int start = text.length();
            while (text.length() - start < 380) {
                text.append(pick(random, SUBJECTS)).append(' ').append(pick(random, VERBS)).append(' ')
                        .append(pick(random, TAILS)).append(" (case ").append(random.nextInt(100_000)).append("). ");
            }
            text.setLength(text.length() - 1);
            text.append("\n\n");
        }
        return text.toString();
    }

    private static String pick(Random random, List<String> words) {
        return words.get(random.nextInt(words.size()));
    }

    public static void main(String[] args) throws IOException {
        long bytes = args.length > 1 ? Long.parseLong(args[1]) : 2_000_000;
        Files.writeString(Path.of(args[0]), generate(bytes, 11), StandardCharsets.UTF_8);
    }
}
