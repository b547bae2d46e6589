package io.confidencegateway.api.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class ClientDisconnectTest {

    @TestHTTPResource("/v1/chat/completions")
    URL completions;

    @Test
    void clientLeavingMidStreamIsRecordedAsCancelledWithWhatItGot() throws Exception {
        OpenAiUpstreamStub.server().resetAll();
        StringBuilder sse = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sse.append("data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word").append(i).append(" \"}}]}\n\n");
        }
        sse.append("data: [DONE]\n\n");
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(OpenAiUpstreamStub.PATH)).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse.toString())
                .withChunkedDribbleDelay(40, 4_000)));

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(completions.toString()))
                .header("Content-Type", "application/json")
                .header("Authorization", io.confidencegateway.testing.TestKeys.ADMIN_BEARER)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model": "gpt-4o-mini", "stream": true, "messages": [{"role": "user", "content": "Go"}]}"""))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        String id = response.headers().firstValue("X-Inference-Id").orElseThrow();
        try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).startsWith("data: ");
        }

        String status = Eventually.read(() -> {
            var record = given().get("/v1/inferences/" + id);
            return record.statusCode() == 200 ? record.jsonPath().getString("status") : "";
        }, "cancelled"::equals, Duration.ofSeconds(10));
        assertThat(status).as("the record of a stream the client left").isEqualTo("cancelled");
        var record = given().get("/v1/inferences/" + id).jsonPath();
        assertThat(record.getString("content")).startsWith("word0");
        assertThat(record.getString("content")).doesNotContain("word39");
    }
}
