package io.confidencegateway.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.review.NewItem;
import io.confidencegateway.review.ReviewQueue;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A review claim belongs to the API key that took it: the same reviewer name on another key is someone else. */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewerKeyTest {

    @Inject
    ReviewQueue queue;

    @Test
    void onlyTheKeyThatClaimedAnItemRenewsOrResolvesItWhateverNameIsTyped() {
        String ana = Calls.createKey("{\"name\": \"ana-desk\", \"role\": \"agent\"}").path("key").asText();
        String impostor = Calls.createKey("{\"name\": \"other-desk\", \"role\": \"agent\"}").path("key").asText();
        UUID item = queue.enqueue(new NewItem(UUID.randomUUID(), "support-copilot", NewItem.REVIEW, "low_confidence",
                "How long is the refund window?", "Thirty days [1].", java.util.List.of(), java.util.List.of(), 0.4))
                .await().atMost(Duration.ofSeconds(10)).id();
        String claim = "{\"reviewer\": \"ana\"}";
        String resolve = "{\"reviewer\": \"ana\", \"action\": \"approve\"}";

        assertThat(Calls.send("POST", "/v1/reviews/" + item + "/claim", ana, claim).statusCode()).isEqualTo(200);
        var renew = Calls.send("POST", "/v1/reviews/" + item + "/claim", impostor, claim);
        var steal = Calls.send("POST", "/v1/reviews/" + item + "/resolve", impostor, resolve);

        assertThat(renew.statusCode()).isEqualTo(409);
        assertThat(renew.body()).contains("claimed by ana with another API key");
        assertThat(steal.statusCode()).isEqualTo(409);
        assertThat(steal.body()).contains("with another API key");
        var done = Calls.send("POST", "/v1/reviews/" + item + "/resolve", ana, resolve);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(Calls.json(done).path("status").asText()).isEqualTo("resolved");
    }
}
