package io.confidencegateway.api.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.confidencegateway.provider.ProviderRegistry;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What the fault-matrix tests share: the scripted upstream paths, the request, the record, SSE helpers. */
final class FaultMatrix {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String PRIMARY = OpenAiUpstreamStub.PATH;
    static final String BACKUP = "/backup" + OpenAiUpstreamStub.PATH;
    static final String BACKUP_TEXT = "From the backup.";
    /** Providers whose circuit breakers the matrix drives. */
    private static final List<String> PROVIDERS = List.of("openai", "backup", "dead", "blackhole");

    private FaultMatrix() {
    }

    /**
     * The matrix fails the openai provider on purpose more often than its breaker's threshold (5 in a row); every
     * breaker is closed again so that neither the next case nor the next test class sees it open.
     */
    static void closeBreakers(ProviderRegistry registry) {
        for (String provider : PROVIDERS) {
            registry.breaker(provider).onSuccess();
            registry.recordSuccess(provider);
        }
    }

    static Response ask(String model, boolean stream) {
        return given().contentType("application/json").body("{\"model\":\"" + model + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"How long is the refund window?\"}]}")
                .post("/v1/chat/completions");
    }

    static int calls(String path) {
        return OpenAiUpstreamStub.server().findAll(postRequestedFor(urlPathEqualTo(path))).size();
    }

    static JsonPath record(Response response) {
        String id = response.header("X-Inference-Id");
        assertThat(id).as("every answer, failed or not, carries its inference id").isNotBlank();
        return given().get("/v1/inferences/" + id).then().statusCode(200).extract().jsonPath();
    }

    static void stubStream(String sse) {
        OpenAiUpstreamStub.server().stubFor(post(urlPathEqualTo(PRIMARY)).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody(sse)));
    }

    static String chunk(String delta) {
        return "{\"id\": \"chatcmpl-upstream\", \"object\": \"chat.completion.chunk\", \"created\": 1764000000, "
                + "\"model\": \"gpt-4o-mini\", \"choices\": [{\"index\": 0, \"delta\": " + delta
                + ", \"finish_reason\": null}]}";
    }

    static String event(String data) {
        return "data: " + data + "\n\n";
    }

    static List<String> dataLines(String sse) {
        List<String> data = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                data.add(line.substring("data: ".length()));
            }
        }
        return data;
    }
}
