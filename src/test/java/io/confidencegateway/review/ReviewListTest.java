package io.confidencegateway.review;

import static io.confidencegateway.review.ReviewFixtures.freshProduct;
import static io.confidencegateway.review.ReviewFixtures.item;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** GET /v1/reviews answers every combination of its filters, none included (it was a 500 without a status). */
@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ReviewListTest {

    @Inject
    ReviewQueue queue;

    private String product;
    private Map<String, UUID> byStatus;

    @BeforeEach
    void queueOneItemInEachStatus() {
        product = freshProduct("listing");
        UUID pending = enqueue(NewItem.HANDOFF);
        UUID claimed = enqueue(NewItem.REVIEW);
        UUID resolved = enqueue(NewItem.REVIEW);
        claim(claimed);
        claim(resolved);
        given().contentType("application/json").body(Map.of("reviewer", "ana", "action", "reject"))
                .post("/v1/reviews/" + resolved + "/resolve").then().statusCode(200);
        byStatus = Map.of("pending", pending, "claimed", claimed, "resolved", resolved);
    }

    static Stream<Arguments> filters() {
        return Stream.of(null, "pending", "claimed", "resolved")
                .flatMap(status -> Stream.of(Arguments.of(status, false), Arguments.of(status, true)));
    }

    @ParameterizedTest(name = "status={0}, product filter={1}")
    @MethodSource("filters")
    void everyCombinationOfFiltersListsTheMatchingItems(String status, boolean byProduct) {
        RequestSpecification request = given().queryParam("page", 1).queryParam("size", 100);
        if (status != null) {
            request.queryParam("status", status);
        }
        if (byProduct) {
            request.queryParam("product", product);
        }

        var page = request.get("/v1/reviews").then().statusCode(200).contentType("application/json")
                .body("page", equalTo(1)).body("size", equalTo(100)).extract().jsonPath();

        List<String> statuses = page.getList("items.status");
        if (status != null) {
            assertThat(statuses).containsOnly(status);
        }
        if (byProduct) {
            assertThat(page.getList("items.product", String.class)).containsOnly(product);
            List<String> expected = status == null
                    ? List.of(byStatus.get("pending").toString(), byStatus.get("claimed").toString(),
                            byStatus.get("resolved").toString())
                    : List.of(byStatus.get(status).toString());
            assertThat(page.getList("items.id", String.class)).containsExactlyElementsOf(expected);
            assertThat(page.getLong("total")).isEqualTo(expected.size());
        } else {
            assertThat(page.getLong("total")).isGreaterThanOrEqualTo(status == null ? 3 : 1);
            assertThat(statuses).isSortedAccordingTo(java.util.Comparator.comparingInt(List.of("pending", "claimed",
                    "resolved")::indexOf));
        }
    }

    @Test
    void theBareListWithoutAnyParameterIsThePendingFirstFirstPage() {
        given().get("/v1/reviews").then().statusCode(200)
                .body("page", equalTo(1)).body("size", equalTo(20))
                .body("items[0].status", equalTo("pending"));
    }

    @Test
    void headOnTheListAnswers200WithoutABody() {
        byte[] body = given().head("/v1/reviews?page=1&size=20").then().statusCode(200)
                .contentType("application/json").extract().asByteArray();
        assertThat(body).isEmpty();
    }

    @Test
    void aPageThatIsNotANumberIsA400NamingIt() {
        given().queryParam("page", "abc").get("/v1/reviews").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("page"))
                .body("detail", equalTo("page: must be a whole number; got 'abc'"));
    }

    @Test
    void aPageFarBeyondTheEndIsEmptyNotAnError() {
        given().queryParam("page", Integer.MAX_VALUE).queryParam("size", 100).queryParam("product", product)
                .get("/v1/reviews").then().statusCode(200)
                .body("items.size()", equalTo(0)).body("total", equalTo(3));
    }

    @Test
    void anAgentKeyLimitedToOneProductSeesClaimsAndReadsOnlyThatProductsItems() {
        String other = freshProduct("listing-other");
        UUID elsewhere = queue.enqueue(item(other, NewItem.REVIEW)).await().atMost(ReviewFixtures.WAIT).id();
        UUID mine = enqueue(NewItem.REVIEW);
        String key = given().contentType("application/json").body(Map.of("name", "scoped-agent", "role", "agent",
                "products", List.of(product))).post("/v1/keys").then().statusCode(201).extract().path("key");
        String bearer = "Bearer " + key;

        var page = given().header("Authorization", bearer).queryParam("size", 100).get("/v1/reviews").then()
                .statusCode(200).extract().jsonPath();
        assertThat(page.getList("items.product", String.class)).containsOnly(product);
        assertThat(page.getLong("total")).isEqualTo(4);

        given().header("Authorization", bearer).queryParam("product", other).get("/v1/reviews").then()
                .statusCode(403).body("detail", org.hamcrest.Matchers.containsString("may not use product '"
                        + other + "'"));
        given().header("Authorization", bearer).get("/v1/reviews/" + elsewhere).then().statusCode(403);
        given().header("Authorization", bearer).contentType("application/json").body(Map.of("reviewer", "bo"))
                .post("/v1/reviews/" + elsewhere + "/claim").then().statusCode(403);
        given().header("Authorization", bearer).contentType("application/json")
                .body(Map.of("reviewer", "bo", "action", "reject"))
                .post("/v1/reviews/" + elsewhere + "/resolve").then().statusCode(403);
        assertThat(queue.get(elsewhere).await().atMost(ReviewFixtures.WAIT).status()).as("left alone")
                .isEqualTo("pending");

        given().header("Authorization", bearer).contentType("application/json").body(Map.of("reviewer", "bo"))
                .post("/v1/reviews/" + mine + "/claim").then().statusCode(200);
    }

    private UUID enqueue(String kind) {
        return queue.enqueue(item(product, kind)).await().atMost(ReviewFixtures.WAIT).id();
    }

    private static void claim(UUID id) {
        given().contentType("application/json").body(Map.of("reviewer", "ana"))
                .post("/v1/reviews/" + id + "/claim").then().statusCode(200);
    }
}
