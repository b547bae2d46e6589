package io.confidencegateway.knowledge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.Eventually;
import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.confidencegateway.testing.TestDocuments;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(value = OpenAiUpstreamStub.class, scope = TestResourceScope.GLOBAL)
class DocumentResourceTest {

    private static final String MARKDOWN = """
            # Shipping

            ## Delivery times

            Orders ship within 2 business days.
            """;

    private String product;

    @TestHTTPResource("/")
    URI base;
    @Inject
    DocumentIndexer indexer;
    @Inject
    LucenePassageIndex index;

    @org.junit.jupiter.api.BeforeEach
    void createProduct() {
        product = io.confidencegateway.testing.TestProducts.ensure("docs-" + UUID.randomUUID());
    }

    @Test
    void aMarkdownUploadIsAcceptedThenReadyListedAndDeleted() {
        int size = MARKDOWN.getBytes(StandardCharsets.UTF_8).length;
        var accepted = upload("shipping.md", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8))
                .statusCode(202)
                .header("Location", matchesPattern(".*/v1/products/" + product + "/documents/[0-9a-f-]{36}"))
                .body("product", equalTo(product))
                .body("source", equalTo("shipping.md"))
                .body("status", equalTo("indexing"))
                .body("content_type", equalTo("text/markdown"))
                .body("pages", nullValue())
                .body("passages", equalTo(1))
                .body("passages_indexed", equalTo(0))
                .body("size_bytes", equalTo(size))
                .body("created_at", notNullValue())
                .body("error", nullValue())
                .extract();
        String id = accepted.path("id");
        assertThat(accepted.header("Location")).endsWith("/documents/" + id);

        JsonPath ready = untilIndexed(id);
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getInt("passages_indexed")).isEqualTo(1);
        assertThat(ready.getString("source")).isEqualTo("shipping.md");
        given().get(path()).then().statusCode(200).body("data.find { it.id == '" + id + "' }.status",
                equalTo("ready"));

        given().delete(path() + "/" + id).then().statusCode(204);
        given().delete(path() + "/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get(path()).then().statusCode(200).body("data.id", not(hasItem(id)));
    }

    @Test
    void aPdfUploadReportsItsPages() {
        byte[] pdf = TestPdfs.pages(List.of(List.of("Page one text."), List.of("Page two text.")));

        upload("two-pages.pdf", "application/pdf", pdf).statusCode(202)
                .body("content_type", equalTo("application/pdf"))
                .body("pages", equalTo(2))
                .body("passages", equalTo(2));
    }

    @Test
    void aLargeUploadIsAnsweredBeforeItIsIndexedAndCanBePolledUntilReady() {
        byte[] manual = LargeMarkdown.generate(120_000, 3).getBytes(StandardCharsets.UTF_8);

        var accepted = upload("manual.md", "text/markdown", manual).statusCode(202)
                .body("status", equalTo("indexing"))
                .body("passages_indexed", equalTo(0))
                .extract();
        int passages = accepted.path("passages");
        assertThat(passages).isGreaterThan(250);

        JsonPath ready = untilIndexed(accepted.path("id"));
        assertThat(ready.getString("status")).isEqualTo("ready");
        assertThat(ready.getInt("passages")).isEqualTo(passages);
        assertThat(ready.getInt("passages_indexed")).isEqualTo(passages);
        assertThat(ready.getString("error")).isNull();
    }

    @Test
    void theSameFileAgainReturnsTheStoredDocumentInsteadOfASecondCopy() {
        byte[] bytes = "Returns are accepted for 14 days.".getBytes(StandardCharsets.UTF_8);
        String id = upload("returns.txt", "text/plain", bytes).statusCode(202).extract().path("id");

        // A retry while it may still be indexing: the same document, 202 or (already ready) 200.
        var retry = upload("returns.txt", "text/plain", bytes).statusCode(anyOf(is(200), is(202)))
                .body("id", equalTo(id)).extract();
        assertThat(retry.header("Location")).endsWith("/documents/" + id);
        untilIndexed(id);

        upload("returns.txt", "text/plain", bytes).statusCode(200)
                .header("Location", containsString("/documents/" + id))
                .body("id", equalTo(id))
                .body("status", equalTo("ready"));
        given().get(path()).then().statusCode(200).body("data.size()", equalTo(1));
    }

    @Test
    void theSameBytesUnderAnotherNameAreAConflict() {
        byte[] bytes = "Returns are accepted for 14 days.".getBytes(StandardCharsets.UTF_8);
        String id = upload("returns.txt", "text/plain", bytes).statusCode(202).extract().path("id");

        problem(upload("returns-copy.txt", "text/plain", bytes), 409,
                "already has this exact document as 'returns.txt' (id " + id);
    }

    @Test
    void aDocumentDeletedWhileItIsIndexingIsGoneFromTheApiAndTheIndex() throws Exception {
        byte[] manual = LargeMarkdown.generate(120_000, 4).getBytes(StandardCharsets.UTF_8);
        String id = upload("doomed.md", "text/markdown", manual).statusCode(202).extract().path("id");

        given().delete(path() + "/" + id).then().statusCode(204);

        problem(given().get(path() + "/" + id).then(), 404, "no document");
        given().get(path()).then().statusCode(200).body("data", empty());
        Eventually.read(() -> indexer.isQueued(UUID.fromString(id)), queued -> !queued, Duration.ofSeconds(60));
        assertThat(indexer.isQueued(UUID.fromString(id))).as("indexing gave up on the deleted document").isFalse();
        assertThat(index.keyword(product, "invoice refund account", 10)).isEmpty();
    }

    @Test
    void answersCiteAnUploadedDocumentOnceItIsReady() {
        String answering = "cite-" + UUID.randomUUID();
        given().contentType("application/json").body("""
                {"name": "Citing product", "max_latency_seconds": 5, "context_window_needs": "short",
                 "hallucination_risk": "low", "requires_citations": true, "human_review_required": false,
                 "accuracy_target": 0.9, "pii_handling": "none", "model": "extractive"}""")
                .put("/v1/products/" + answering).then().statusCode(201);
        TestDocuments.uploadAndWait(answering, "parcel_lockers.md", """
                # Parcel lockers

                Parcels wait in the locker for 9 days before they are sent back to the warehouse.
                """.getBytes(StandardCharsets.UTF_8), "text/markdown");

        given().contentType("application/json")
                .body(Map.of("product", answering, "question", "How many days do parcels wait in the locker?"))
                .post("/v1/answers").then().statusCode(200)
                .body("citations[0].source", equalTo("parcel_lockers.md"))
                .body("citations[0].text", containsString("9 days"));
    }

    @Test
    void aRequestWithoutAFilePartIsRefused() {
        problem(given().multiPart("document", "notes.txt", "text".getBytes(StandardCharsets.UTF_8), "text/plain")
                .post(path()).then(), 400, "part 'file'");
    }

    @Test
    void aJsonBodyIsToldToSendMultipart() {
        problem(given().contentType("application/json").body("{}").post(path()).then(), 415, "multipart/form-data");
    }

    @Test
    void anEmptyFileIsRefused() {
        problem(upload("empty.txt", "text/plain", new byte[0]), 400, "is empty");
    }

    @Test
    void aPngIsUnsupported() {
        byte[] png = HexFormat.of().parseHex("89504E470D0A1A0A0000000D49484452");
        problem(upload("logo.png", "image/png", png), 415, "PNG");
    }

    @Test
    void aZipIsUnsupported() {
        byte[] zip = HexFormat.of().parseHex("504B0304140000000800");
        problem(upload("kb.zip", "application/zip", zip), 415, "zip");
    }

    @Test
    void binaryContentNamedAsTextIsRefused() {
        byte[] binary = {0x00, 0x01, (byte) 0xC3, 0x28, 0x7F, 0x00, 0x10, 0x11};
        problem(upload("notes.txt", "text/plain", binary), 400, "not valid UTF-8");
    }

    @Test
    void bytesThatAreNotAPdfNamedPdfAreRefused() {
        problem(upload("policy.pdf", "application/pdf", "just words".getBytes(StandardCharsets.UTF_8)), 400,
                "not one");
    }

    @Test
    void aBrokenPdfIsRefused() {
        problem(upload("broken.pdf", "application/pdf", "%PDF-1.7\ngarbage".getBytes(StandardCharsets.US_ASCII)),
                400, "not a valid PDF");
    }

    @Test
    void anEncryptedPdfIsRefused() {
        byte[] pdf = TestPdfs.encrypted(TestPdfs.pages(List.of(List.of("Secret text."))), "s3cret");
        problem(upload("secret.pdf", "application/pdf", pdf), 400, "encrypted");
    }

    @Test
    void aPdfWithoutTextIsRefused() {
        problem(upload("scan.pdf", "application/pdf", TestPdfs.blankPages(2)), 400, "no extractable text");
    }

    @Test
    void aDocumentOverTheLimitIsTooLarge() {
        byte[] big = "a".repeat(1024 * 1024 + 1).getBytes(StandardCharsets.US_ASCII);
        problem(upload("big.txt", "text/plain", big), 413, "gateway.knowledge.max-document-size");
    }

    @Test
    void anUnknownDocumentIdIs404() {
        problem(given().delete(path() + "/" + UUID.randomUUID()).then(), 404, "no document");
        problem(given().delete(path() + "/not-a-uuid").then(), 404, "no document");
        problem(given().get(path() + "/" + UUID.randomUUID()).then(), 404, "no document");
    }

    @Test
    void theOpenApiDocumentDescribesTheDocumentsApi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v1/products/{product}/documents'.post.summary", equalTo("Add a document"))
                .body("paths.'/v1/products/{product}/documents'.post.requestBody.content",
                        hasKey("multipart/form-data"))
                .body("paths.'/v1/products/{product}/documents'.post.responses", hasKey("202"))
                .body("paths.'/v1/products/{product}/documents'.post.responses", hasKey("200"))
                .body("paths.'/v1/products/{product}/documents/{document}'.delete.responses", hasKey("204"));
    }

    @Test
    void aMultipartBodyCutOffInsideItsPartIsABadRequest() throws Exception {
        String cut = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.md\"\r\n"
                + "Content-Type: text/markdown\r\n\r\n# Hello\n\nSome text that is cut";

        rawProblem(raw("multipart/form-data; boundary=XyZ", cut), "ended before its closing boundary");
    }

    @Test
    void aMultipartBodyWhoseBoundaryDoesNotMatchTheHeaderIsABadRequest() throws Exception {
        rawProblem(raw("multipart/form-data; boundary=Other", WHOLE_BODY),
                "boundary that the Content-Type header names");
    }

    @Test
    void aMultipartContentTypeWithoutABoundaryIsABadRequest() throws Exception {
        rawProblem(raw("multipart/form-data", WHOLE_BODY), "has no boundary parameter");
    }

    @Test
    void theWholeRawMultipartBodyIsAccepted() throws Exception {
        HttpResponse<String> response = raw("multipart/form-data; boundary=XyZ", WHOLE_BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    private static final String WHOLE_BODY = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
            + "filename=\"a.md\"\r\nContent-Type: text/markdown\r\n\r\n# Hello\n\nSome whole text\r\n--XyZ--\r\n";

    private HttpResponse<String> raw(String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path().substring(1)))
                .header("Content-Type", contentType)
                .header("Authorization", io.confidencegateway.testing.TestKeys.ADMIN_BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void rawProblem(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonPath problem = JsonPath.from(response.body());
        assertThat(problem.getInt("status")).isEqualTo(400);
        assertThat(problem.getString("detail")).contains(detail);
    }

    private JsonPath untilIndexed(String id) {
        return Eventually.read(() -> given().get(path() + "/" + id).then().statusCode(200).extract().jsonPath(),
                json -> !"indexing".equals(json.getString("status")), Duration.ofSeconds(120));
    }

    private String path() {
        return "/v1/products/" + product + "/documents";
    }

    private ValidatableResponse upload(String name, String type, byte[] bytes) {
        return given().multiPart("file", name, bytes, type).post(path()).then();
    }

    private static void problem(ValidatableResponse response, int status, String detail) {
        response.statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detail));
    }
}
