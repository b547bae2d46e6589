package io.confidencegateway.feedback;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Feedback events that got a 201, written down by one start of the gateway and read back through the API by
 * another: the two test classes that use it run on different starts (a test profile forces the restart), in
 * whichever order, and each checks what the other start accepted. Data and ledger live under {@code target/}.
 */
final class AcceptedFeedbackLedger {

    /** Beside the build's own store (a fresh one per build), so entries never outlive the data they point at. */
    private static final Path LEDGER = Path.of(System.getProperty("gateway.data-dir", "target"),
            "feedback-accepted.txt");

    private AcceptedFeedbackLedger() {
    }

    static void accepted(String boot, String answerId, String feedbackId) throws IOException {
        Files.createDirectories(LEDGER.getParent());
        Files.writeString(LEDGER, boot + " " + answerId + " " + feedbackId + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** Checks every event another start accepted; returns how many there were. */
    static int verifyAcceptedBy(String boot) throws IOException {
        if (!Files.exists(LEDGER)) {
            return 0;
        }
        List<String[]> lines = Files.readAllLines(LEDGER).stream().map(l -> l.split(" "))
                .filter(l -> l.length == 3 && l[0].equals(boot)).toList();
        for (String[] line : lines) {
            given().get("/v1/answers/" + line[1] + "/feedback").then().statusCode(200).body("id", hasItem(line[2]));
        }
        return lines.size();
    }
}
