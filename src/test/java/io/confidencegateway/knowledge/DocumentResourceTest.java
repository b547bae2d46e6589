package io.confidencegateway.knowledge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.confidencegateway.testing.OpenAiUpstreamStub;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
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

    @org.junit.jupiter.api.BeforeEach
    void createProduct() {
        product = io.confidencegateway.testing.TestProducts.ensure("docs-" + UUID.randomUUID());
    }

    @Test
    void aMarkdownUploadIsStoredListedAndDeleted() {
        String id = upload("shipping.md", "text/markdown", MARKDOWN.getBytes(StandardCharsets.UTF_8)).statusCode(201)
                .header("Location", containsString("/v1/products/" + product + "/documents/"))
                .body("product", equalTo(product))
                .body("source", equalTo("shipping.md"))
                .body("content_type", equalTo("text/markdown"))
                .body("pages", nullValue())
                .body("passages", equalTo(1))
                .body("size_bytes", equalTo(MARKDOWN.getBytes(StandardCharsets.UTF_8).length))
                .body("created_at", notNullValue())
                .extract().path("id");

        given().get(path()).then().statusCode(200).body("data.id", hasItem(id));
        given().get(path() + "/" + id).then().statusCode(200).body("source", equalTo("shipping.md"));

        given().delete(path() + "/" + id).then().statusCode(204);
        given().delete(path() + "/" + id).then().statusCode(404).contentType("application/problem+json");
        given().get(path()).then().statusCode(200).body("data.id", not(hasItem(id)));
    }

    @Test
    void aPdfUploadReportsItsPages() {
        byte[] pdf = TestPdfs.pages(List.of(List.of("Page one text."), List.of("Page two text.")));

        upload("two-pages.pdf", "application/pdf", pdf).statusCode(201)
                .body("content_type", equalTo("application/pdf"))
                .body("pages", equalTo(2))
                .body("passages", equalTo(2));
    }

    @Test
    void theSameDocumentTwiceIsAConflict() {
        byte[] bytes = "Returns are accepted for 14 days.".getBytes(StandardCharsets.UTF_8);
        upload("returns.txt", "text/plain", bytes).statusCode(201);

        problem(upload("returns-copy.txt", "text/plain", bytes), 409, "already has this exact document");
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
                .body("paths.'/v1/products/{product}/documents/{document}'.delete.responses", hasKey("204"));
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
