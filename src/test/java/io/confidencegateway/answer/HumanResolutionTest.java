package io.confidencegateway.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.confidencegateway.review.ReviewItem;

class HumanResolutionTest {

    private static ReviewItem item(String kind, String status, String action, String draft, String finalText) {
        return new ReviewItem(UUID.randomUUID(), UUID.randomUUID(), "p", kind, "low_confidence", status, "q?", draft,
                List.of(), List.of(), 0.2, "ana", null, null, "resolved".equals(status) ? "ana" : null,
                Instant.EPOCH, action, finalText, "why", Instant.EPOCH);
    }

    @Test
    void aWrittenReplyReplacesTheHandOffMessage() {
        HumanResolution r = HumanResolution.of(item("handoff", "resolved", "edit", null, "Here is how.")).orElseThrow();
        assertThat(r.text()).isEqualTo("Here is how.");
        assertThat(r.replied()).isTrue();
        assertThat(r.answeredBy()).isEqualTo("person");
        assertThat(r.note()).isEqualTo("Written by ana of the support team.");
    }

    @Test
    void anApprovedHandOffSendsTheDraftThatWasHeldBack() {
        HumanResolution r = HumanResolution.of(item("handoff", "resolved", "approve", "Draft [1].", null))
                .orElseThrow();
        assertThat(r.text()).isEqualTo("Draft [1].");
        assertThat(r.note()).isEqualTo("Draft checked and approved by ana of the support team.");
    }

    @Test
    void aDeclinedHandOffKeepsItsMessageButSaysWhoDeclined() {
        HumanResolution r = HumanResolution.of(item("handoff", "resolved", "reject", "Draft.", null)).orElseThrow();
        assertThat(r.text()).isNull();
        assertThat(r.replied()).isFalse();
        assertThat(r.note()).startsWith("Declined by ana");
    }

    @Test
    void reviewItemsAndUnresolvedHandOffsChangeNothing() {
        assertThat(HumanResolution.of(item("review", "resolved", "edit", "Draft.", "Sent."))).isEqualTo(Optional.empty());
        assertThat(HumanResolution.of(item("handoff", "claimed", null, null, null))).isEqualTo(Optional.empty());
        assertThat(HumanResolution.of(null)).isEqualTo(Optional.empty());
        assertThat(HumanResolution.of(item("handoff", "resolved", "edit", null, " ")).orElseThrow().replied()).isFalse();
    }
}
