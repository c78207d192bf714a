package ai.aragora.rest.knowledge;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the JSON bodies and parameters of this bundle's resources: anything invalid is a 400 naming the field. */
final class Bodies {

    private Bodies() {
    }

    /** The API records refuse what is invalid with a message naming the field: a 400, never a 500. */
    static <T> T valid(Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequestException("the body must be a JSON object");
        }
        return body;
    }

    static String text(JsonNode b, String field, boolean required) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new BadRequestException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new BadRequestException(field + " must be a string");
        }
        return v.textValue();
    }

    static int integer(JsonNode b, String field, int fallback) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new BadRequestException(field + " must be an integer");
        }
        return v.intValue();
    }

    static double number(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (!v.isNumber()) {
            throw new BadRequestException(field + " must be a number");
        }
        return v.doubleValue();
    }

    static Map<String, String> metadata(JsonNode m) {
        if (m == null || m.isNull()) {
            return Map.of();
        }
        if (!m.isObject()) {
            throw new BadRequestException("metadata must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.fields().forEachRemaining(e -> {
            if (e.getValue().isContainerNode()) {
                throw new BadRequestException("metadata." + e.getKey() + " must be a string, number or boolean");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
