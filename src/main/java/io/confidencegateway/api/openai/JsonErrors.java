package io.confidencegateway.api.openai;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's parse errors into one-line messages that say which field is wrong and how to fix it. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /** The JSON path of the offending field ({@code messages[0].content}), or null at the root. */
    public static String pathOf(JsonProcessingException error) {
        if (!(error instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        var path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    /** A message for the caller, without Jackson's internal class names. */
    public static String messageOf(JsonProcessingException error) {
        StreamConstraintsException limit = causeOf(error, StreamConstraintsException.class);
        if (limit != null) {
            return "The request body is beyond what the gateway reads" + at(limit.getLocation()) + ": "
                    + limitOf(limit.getOriginalMessage());
        }
        StreamReadException syntax = syntaxErrorOf(error);
        if (syntax != null) {
            return "The request body is not valid JSON" + at(syntax.getLocation()) + ": "
                    + firstLine(syntax.getOriginalMessage());
        }
        String path = pathOf(error);
        if (error instanceof MismatchedInputException mismatch) {
            if (path == null) {
                return "The request body must be a JSON object";
            }
            return "'" + path + "' has the wrong type: expected " + expected(mismatch.getTargetType());
        }
        if (error instanceof JsonMappingException && path != null) {
            return "'" + path + "' could not be read: check its type and value";
        }
        return "The request body could not be read: " + firstLine(error.getOriginalMessage());
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    // Jackson names its own classes and settings in these messages; say what was too big, in the caller's words.
    private static String limitOf(String message) {
        String text = message == null ? "" : message;
        java.util.regex.Matcher numbers = LIMIT.matcher(text);
        String found = numbers.find() ? numbers.group(1) : null;
        String allowed = numbers.find() ? numbers.group(1) : null;
        if (text.startsWith("Number value length")) {
            return "a number has " + found + " digits; at most " + allowed + " are read";
        }
        if (text.startsWith("String value length")) {
            return "a string has " + found + " characters; at most " + allowed + " are read";
        }
        if (text.startsWith("Document nesting depth")) {
            return "arrays and objects are nested " + found + " deep; at most " + allowed + " levels are read";
        }
        if (text.startsWith("Name length")) {
            return "a field name has " + found + " characters; at most " + allowed + " are read";
        }
        return "a value is larger than the JSON reader's limits";
    }

    private static final java.util.regex.Pattern LIMIT = java.util.regex.Pattern.compile("\\((\\d+)");

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** The JSON syntax error behind a mapping error, if that is what it is. */
    private static StreamReadException syntaxErrorOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof StreamReadException syntax && !(cause instanceof MismatchedInputException)) {
                return syntax;
            }
        }
        return null;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static final java.util.regex.Pattern SOURCE = java.util.regex.Pattern.compile(
            "\\[Source: .*?; line: (\\d+), column: (\\d+)\\]");

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        // "[Source: REDACTED (`StreamReadFeature...` disabled); line: 1, column: 25]" -> "line 1, column 25"
        line = SOURCE.matcher(line).replaceAll("line $1, column $2");
        return line.replaceAll("\\(for [^)]*\\)", "").replaceAll("`[^`]*`", "").replaceAll("\\s+", " ").trim();
    }
}
