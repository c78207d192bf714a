package ai.aragora.rest.decisions;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error answers of this API, in the one error shape (the error mapper adds the trace id). */
final class Problems {

    private Problems() {
    }

    static BadRequestException badFields(DecisionBodies.BadFields bad) {
        Map<String, Object> entity = error(bad.getMessage(), "validation_error");
        entity.put("errors", bad.errors.entrySet().stream().map(e -> Map.of("field", e.getKey(), "message", e.getValue())).toList());
        return new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build());
    }

    static ClientErrorException conflict(String message) {
        return new ClientErrorException(Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error(message, "conflict")).build());
    }

    static ServiceUnavailableException unavailable(String message) {
        return new ServiceUnavailableException(Response.status(503).header("Retry-After", 5)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(error(message, "unavailable")).build());
    }

    static Map<String, Object> error(String message, String code) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("error", message);
        entity.put("code", code);
        return entity;
    }
}
