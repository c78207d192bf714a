package ai.aragora.debate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.wire.DebateWire;

/** A finished debate exactly as {@code GET /api/v1/debates/{id}} shows it, indented for reading. */
final class DebateJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DebateJson() {
    }

    static String text(DebateResult r) {
        try {
            return JSON.writeValueAsString(DebateWire.result(r, true));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a debate result could not be written as JSON", e);
        }
    }
}
