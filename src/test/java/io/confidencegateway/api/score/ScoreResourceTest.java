package io.confidencegateway.api.score;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.confidencegateway.confidence.ConfidenceSignal;
import io.confidencegateway.confidence.ScoringService;
import io.confidencegateway.confidence.SignalCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ScoreResourceTest {

    private static final String PASSAGES = "[\"Customers can return any unused item within 30 days of purchase for a "
            + "full refund.\", {\"source\": \"shipping.md\", \"page\": 2, \"text\": \"Standard shipping costs $4.99 "
            + "and takes 3 to 5 days.\"}]";

    @Inject
    ScoringService scoring;

    @Test
    void scoresAGroundedAnswerWithSignalsInSnakeCase() {
        given().contentType(ContentType.JSON)
                .body("{\"question\": \"How long do I have to return an item?\", \"passages\": " + PASSAGES
                        + ", \"answer\": \"You can return unused items within 30 days for a full refund [1].\"}")
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("confidence", greaterThan(0.5f))
                .body("confidence_label", notNullValue())
                .body("signals.name", hasItem("claim_support"))
                .body("signals.reason", everyItem(notNullValue()))
                .body("unsupported_claims", hasSize(0));
    }

    @Test
    void listsTheUnsupportedSentenceByIndex() {
        given().contentType(ContentType.JSON)
                .body("{\"passages\": " + PASSAGES + ", \"answer\": \"Standard shipping costs $4.99 [2]. Unused items "
                        + "can be returned within 90 days [1].\"}")
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("unsupported_claims", hasSize(1))
                .body("unsupported_claims[0].sentence_index", equalTo(1))
                .body("unsupported_claims[0].reason", containsString("90 days"));
    }

    @Test
    void providerLogprobsAddTheTokenProbabilitySignal() {
        given().contentType(ContentType.JSON)
                .body("{\"passages\": " + PASSAGES + ", \"answer\": \"Shipping costs $4.99.\", \"logprobs\": "
                        + "{\"content\": [{\"token\": \"Shipping\", \"logprob\": -0.01}, {\"token\": \" $4.99\", "
                        + "\"logprob\": -2.3}]}}")
                .when().post("/v1/score")
                .then().statusCode(200)
                .body("signals.find { it.name == 'token_probability' }.reason", containsString("lowest 0.10"));
    }

    @Test
    void requestThresholdsDecideTheLabel() {
        given().contentType(ContentType.JSON)
                .body("{\"passages\": " + PASSAGES + ", \"answer\": \"Shipping costs $4.99.\", "
                        + "\"thresholds\": {\"high\": 0.01, \"medium\": 0.0}}")
                .when().post("/v1/score")
                .then().statusCode(200).body("confidence_label", equalTo("high_confidence"));
    }

    @Test
    void batchScoresItemsInOrder() {
        String good = "{\"passages\": " + PASSAGES + ", \"answer\": \"Standard shipping costs $4.99.\"}";
        String bad = "{\"passages\": " + PASSAGES + ", \"answer\": \"Standard shipping costs $14.99 with Fabrikam.\"}";
        float first = given().contentType(ContentType.JSON).body("{\"items\": [" + good + ", " + bad + "]}")
                .when().post("/v1/score/batch")
                .then().statusCode(200).body("results", hasSize(2))
                .extract().path("results[0].confidence");
        given().contentType(ContentType.JSON).body("{\"items\": [" + good + ", " + bad + "]}")
                .when().post("/v1/score/batch")
                .then().body("results[1].confidence", lessThan(first));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no passages       | {\"passages\": [], \"answer\": \"Yes.\"}                           | passages",
        "missing passages  | {\"answer\": \"Yes.\"}                                              | passages",
        "empty answer      | {\"passages\": [\"Some text.\"], \"answer\": \"  \"}                | answer",
        "passage of number | {\"passages\": [42], \"answer\": \"Yes.\"}                          | passages[0]",
        "bad page          | {\"passages\": [{\"text\": \"x\", \"page\": \"two\"}], \"answer\": \"Yes.\"} | passages[0]",
        "answer not string | {\"passages\": [\"Some text.\"], \"answer\": {\"a\": 1}}           | answer",
        "bad thresholds    | {\"passages\": [\"Some text.\"], \"answer\": \"Yes.\", \"thresholds\": {\"high\": 0.5, \"medium\": 0.9}} | thresholds",
        "not an object     | [1, 2]                                                              | "})
    void badInputIsA400Problem(String kind, String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/score")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(field == null ? "" : field));
    }

    @Test
    void oversizedAnswerIsA400NamingTheLimit() {
        String answer = "word ".repeat(4_001);
        given().contentType(ContentType.JSON)
                .body("{\"passages\": [\"Some text.\"], \"answer\": \"" + answer + "\"}")
                .when().post("/v1/score")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("answer"))
                .body("detail", containsString("gateway.score.max-answer-chars"));
    }

    @Test
    void oversizedBatchIsA400() {
        String item = "{\"passages\": [\"Some text.\"], \"answer\": \"Yes.\"}";
        String items = String.join(",", java.util.Collections.nCopies(101, item));
        given().contentType(ContentType.JSON).body("{\"items\": [" + items + "]}")
                .when().post("/v1/score/batch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("at most 100 items"));
    }

    @Test
    void theOpenApiDocumentDescribesBothEndpoints() {
        given().when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body(containsString("/v1/score/batch"))
                .body(containsString("Score an answer's confidence"));
    }

    @Test
    void cdiCollectsTheSameSignalsAsTheOfflineCatalog() {
        assertThat(scoring.signalNames()).containsExactlyInAnyOrderElementsOf(
                SignalCatalog.discover().stream().map(ConfidenceSignal::name).toList());
    }
}
