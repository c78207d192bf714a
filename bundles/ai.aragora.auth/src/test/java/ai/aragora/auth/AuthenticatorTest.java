package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class AuthenticatorTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aRefusalHasTheCommonErrorShapeWithTheRequestId() throws Exception {
        JsonNode body = MAPPER.readTree(Authenticator.refusal("req-7"));

        assertThat(body.get("error").asText()).isEqualTo("invalid or expired credentials");
        assertThat(body.get("code").asText()).isEqualTo("unauthorized");
        assertThat(body.get("trace_id").asText()).isEqualTo("req-7");
        assertThat(body.size()).isEqualTo(3);
    }

    @Test
    void aRefusalOutsideARequestIdHasANullTraceId() throws Exception {
        assertThat(MAPPER.readTree(Authenticator.refusal(null)).get("trace_id").isNull()).isTrue();
    }

    @Test
    void aBrowserWebSocketMayOfferItsTokenAsASubprotocol() {
        assertThat(Authenticator.bearer(null, "aragora.v1, aragora.bearer.a.b-c_d")).isEqualTo("Bearer a.b-c_d");
        assertThat(Authenticator.bearer("Bearer x", "aragora.bearer.y")).isEqualTo("Bearer x");
        assertThat(Authenticator.bearer("Basic x", "aragora.bearer.y")).isNull();
        assertThat(Authenticator.bearer(null, "aragora.v1")).isNull();
        assertThat(Authenticator.bearer(null, null)).isNull();
    }
}
