package ai.aragora.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonErrorHandlerTest {

    @Test
    void containerErrorsUseTheApiErrorShape() {
        assertThat(JsonErrorHandler.body(400)).isEqualTo("{\"error\":\"malformed request\",\"code\":\"bad_request\",\"trace_id\":null}");
        assertThat(JsonErrorHandler.body(431)).contains("\"code\":\"headers_too_large\"");
        assertThat(JsonErrorHandler.body(404)).contains("\"error\":\"not found\"", "\"code\":\"not_found\"");
        assertThat(JsonErrorHandler.body(405)).contains("\"code\":\"method_not_allowed\"");
    }

    @Test
    void serverErrorsRevealNothing() {
        assertThat(JsonErrorHandler.body(500)).isEqualTo("{\"error\":\"Internal server error\",\"code\":\"internal_error\",\"trace_id\":null}");
    }
}
