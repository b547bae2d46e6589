package io.confidencegateway.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JsonErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String messageFor(ObjectMapper mapper, String json) {
        try {
            mapper.readValue(json, JsonNode.class);
        } catch (JsonProcessingException error) {
            return JsonErrors.messageOf(error);
        }
        throw new AssertionError("parsed: " + json);
    }

    @Test
    void aNumberOverTheDigitLimitSaysHowManyDigitsAndTheLimit() {
        assertThat(messageFor(JSON, "{\"n\": " + "9".repeat(1001) + "}")).isEqualTo("The request body is beyond "
                + "what the gateway reads: a number has 1001 digits; at most 1000 are read");
    }

    @Test
    void nestingAndStringAndNameLimitsAreSaidInTheCallersWords() {
        assertThat(messageFor(JSON, "[".repeat(1001))).endsWith(": arrays and objects are nested 1001 deep; at most "
                + "1000 levels are read");
        ObjectMapper small = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(10).maxNameLength(5).build())
                .build());
        assertThat(messageFor(small, "{\"a\": \"" + "x".repeat(11) + "\"}")).endsWith(": a string has 11 characters; "
                + "at most 10 are read");
        assertThat(messageFor(small, "{\"abcdef\": 1}")).endsWith(": a field name has 6 characters; at most 5 are "
                + "read");
    }

    @Test
    void aSyntaxErrorSaysWhereWithoutTheParsersSourceNote() {
        String message = messageFor(JSON, "{\"a\": [1,\n 2");
        assertThat(message).isEqualTo("The request body is not valid JSON (line 2, column 3): Unexpected "
                + "end-of-input: expected close marker for Array (start marker at line 1, column 7)");
    }

    @Test
    void noMessageNamesAParserClassOrSetting() {
        for (String json : new String[] {"{", "{\"a\" 1}", "[1,]", "{\"n\": " + "1".repeat(2000) + "}", "\u0000",
                "{\"a\": tru}"}) {
            assertThat(messageFor(JSON, json)).doesNotContain("`").doesNotContain("Source")
                    .doesNotContain("StreamRead").doesNotContain("com.fasterxml").doesNotContain("Exception");
        }
    }
}
