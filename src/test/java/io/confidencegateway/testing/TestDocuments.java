package io.confidencegateway.testing;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import io.restassured.path.json.JsonPath;

/** Uploads a document over the API and waits until it is indexed, for tests that ask questions about it. */
public final class TestDocuments {

    private static final Duration INDEXING = Duration.ofSeconds(60);

    private TestDocuments() {
    }

    /** Uploads the file (or finds the same file already there) and returns the document once it is ready. */
    public static JsonPath uploadAndWait(String product, String fileName, byte[] bytes, String contentType) {
        var response = given().multiPart("file", fileName, bytes, contentType)
                .post("/v1/products/" + product + "/documents");
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new AssertionError("upload of " + fileName + " answered " + response.statusCode() + ": "
                    + response.asString());
        }
        String location = response.header("Location");
        JsonPath document = Eventually.read(() -> given().get(location).jsonPath(),
                json -> !"indexing".equals(json.getString("status")), INDEXING);
        if (!"ready".equals(document.getString("status"))) {
            throw new AssertionError(fileName + " did not become ready: " + document.prettify());
        }
        return document;
    }
}
