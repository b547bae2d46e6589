package io.confidencegateway.product;

import io.confidencegateway.confidence.Thresholds;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Reads product specs strictly and writes them back. Strict because a misspelt field silently ignored would leave
 * a product with defaults its owner never chose: unknown fields, strings where numbers belong, fractions where
 * counts belong and unknown enum values all fail, each naming the field and what it accepts.
 */
@ApplicationScoped
public class ProductSpecCodec {

    private final ObjectMapper strict;

    public ProductSpecCodec(ObjectMapper json) {
        this.strict = json.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType type : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
    }

    /** Parses a JSON document (a request body, a file). */
    public JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidProductException(new SpecViolation(null, "The body is empty: send a product spec as a "
                    + "JSON object"));
        }
        try {
            return strict.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidProductException(violationOf(e));
        }
    }

    /**
     * Reads a {@code PUT} body: a spec, optionally with the {@code id} a {@code GET} returned, which must then be
     * the id in the path. The spec is not validated yet.
     */
    public ProductSpec readBody(String pathId, String body) {
        JsonNode node = parse(body);
        if (node.isObject() && node.has("id")) {
            JsonNode id = node.get("id");
            if (!id.isTextual() || !id.asText().equals(pathId)) {
                throw new InvalidProductException(new SpecViolation("id", "must be the id in the path ('" + pathId
                        + "') or be left out"));
            }
            ((ObjectNode) node).remove("id");
        }
        return read(node);
    }

    /** Reads a spec from a parsed JSON object; the spec is not validated yet. */
    public ProductSpec read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidProductException(new SpecViolation(null, "A product spec must be a JSON object"));
        }
        try {
            return strict.treeToValue(node, ProductSpec.class);
        } catch (JsonProcessingException e) {
            throw new InvalidProductException(violationOf(e));
        } catch (IllegalArgumentException e) {
            throw new InvalidProductException(new SpecViolation(null, "The product spec could not be read"));
        }
    }

    /** The spec as stored and served: snake_case JSON without null fields. */
    public String write(ProductSpec spec) {
        try {
            return strict.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a product spec could not be written as JSON", e);
        }
    }

    private static SpecViolation violationOf(JsonProcessingException error) {
        if (error instanceof StreamReadException && !(error instanceof MismatchedInputException)) {
            var location = error.getLocation();
            return new SpecViolation(null, "The body is not valid JSON" + (location == null ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")") + ": "
                    + firstLine(error.getOriginalMessage()));
        }
        String path = pathOf(error);
        if (error instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException unknown = (UnrecognizedPropertyException) error;
            String owner = unknown.getReferringClass() == Thresholds.class ? "thresholds"
                    : unknown.getReferringClass() == PromptGate.class ? "prompt_gate" : "a product spec";
            return new SpecViolation(path, "is not a field of " + owner + "; known fields: "
                    + known(unknown.getKnownPropertyIds()));
        }
        if (error instanceof InvalidFormatException && ((InvalidFormatException) error).getTargetType() != null
                && ((InvalidFormatException) error).getTargetType().isEnum()) {
            InvalidFormatException format = (InvalidFormatException) error;
            return new SpecViolation(path, "must be one of " + enumValues(format.getTargetType()) + " (got '"
                    + format.getValue() + "')");
        }
        if (error instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) error).getTargetType();
            if (path == null) {
                return new SpecViolation(null, "A product spec must be a JSON object");
            }
            return new SpecViolation(path, "has the wrong type: expected " + expected(target));
        }
        return new SpecViolation(path, "could not be read: check its type and value");
    }

    private static String pathOf(JsonMappingException error) {
        var path = new StringBuilder();
        for (JsonMappingException.Reference reference : error.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String pathOf(JsonProcessingException error) {
        return error instanceof JsonMappingException ? pathOf((JsonMappingException) error) : null;
    }

    private static String known(Collection<Object> ids) {
        return ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private static String enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Long.class || type == Integer.class || type == long.class || type == int.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class) {
            return "a number";
        }
        if (type == String.class || type.isEnum()) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).trim();
    }
}
