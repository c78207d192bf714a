package ai.aragora.rest;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Jackson's exceptions as one sentence a client can act on: which field, what was wrong, where. */
final class JsonProblems {

    private JsonProblems() {
    }

    static String describe(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return "request body exceeds parser limits: " + limit.getOriginalMessage().replaceAll(",? from `[^`]*`", "");
            }
        }
        if (e instanceof JsonParseException) {
            return "malformed JSON: " + firstLine(e.getOriginalMessage()) + at(e.getLocation());
        }
        if (e instanceof ValueInstantiationException v && v.getCause() != null && v.getCause().getMessage() != null) {
            String field = field(v);
            return (field.isEmpty() ? "" : "'" + field + "': ") + v.getCause().getMessage();
        }
        if (e instanceof MismatchedInputException m) {
            String field = field(m);
            String expected = m.getTargetType() == null ? "another type" : typeName(m.getTargetType());
            if (field.isEmpty()) {
                return "request body has the wrong shape: expected " + expected;
            }
            return "field '" + field + "' has the wrong type: expected " + expected;
        }
        if (e instanceof JsonMappingException m && !field(m).isEmpty()) {
            return "field '" + field(m) + "' is invalid: " + firstLine(m.getOriginalMessage());
        }
        return "invalid JSON: " + firstLine(e.getOriginalMessage());
    }

    private static String field(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static String typeName(Class<?> type) {
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
