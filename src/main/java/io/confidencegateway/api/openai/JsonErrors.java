package io.confidencegateway.api.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
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
        StreamReadException syntax = syntaxErrorOf(error);
        if (syntax != null) {
            var location = syntax.getLocation();
            return "The request body is not valid JSON"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr()
                            + ")")
                    + ": " + firstLine(syntax.getOriginalMessage());
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

    private static String firstLine(String text) {
        if (text == null) {
            return "unreadable input";
        }
        int newline = text.indexOf('\n');
        String line = newline < 0 ? text : text.substring(0, newline);
        return line.replaceAll("\\(for [^)]*\\)", "").trim();
    }
}
