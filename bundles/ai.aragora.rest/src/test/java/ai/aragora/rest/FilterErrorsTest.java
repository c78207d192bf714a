package ai.aragora.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** Filters that refuse a request answer with the same error body as everything else. */
class FilterErrorsTest {

    private final AtomicBoolean passedOn = new AtomicBoolean();
    private final FilterChain chain = (req, res) -> passedOn.set(true);

    @Test
    void anOversizedBodyIsATooLargeError() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(config(RestConfig.class, Map.of("max_body_bytes", 1000L)));
        FakeHttp.Response response = new FakeHttp.Response();

        filter.doFilter(FakeHttp.request("POST", 5000, Map.of(), Map.of(RequestIds.MDC_KEY, "req-1")), response.servlet, chain);

        assertThat(passedOn).isFalse();
        assertThat(response.status).isEqualTo(413);
        assertThat(response.headers).containsEntry("Connection", "close");
        assertError(response, "request body too large: 5000 bytes, at most 1000", "payload_too_large", "req-1");
    }

    @Test
    void aPathThatTakesFilesHasItsOwnLimitAndEveryOtherPathTheServers() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(config(RestConfig.class, Map.of("max_body_bytes", 1000L)));
        FakeHttp.Response refused = new FakeHttp.Response();

        filter.doFilter(FakeHttp.request("POST", "/api/knowledge/import", 5000, Map.of(), Map.of()), new FakeHttp.Response().servlet, chain);
        assertThat(passedOn).as("an export of 5000 bytes is imported").isTrue();
        filter.doFilter(FakeHttp.request("POST", "/api/knowledge/import", 50L << 20, Map.of(), Map.of(RequestIds.MDC_KEY, "req-3")),
                refused.servlet, chain);

        assertThat(refused.status).isEqualTo(413);
        assertError(refused, "request body too large: 52428800 bytes, at most 33554432", "payload_too_large", "req-3");
    }

    @Test
    void aRefusedBodyUpToEightMebibytesIsReadToItsEndBeforeTheAnswerALargerOneNotAtAll() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(config(RestConfig.class, Map.of("max_body_bytes", 1000L)));
        FakeHttp.Body twoMebibytes = new FakeHttp.Body(2 << 20);
        FakeHttp.Response refused = new FakeHttp.Response();
        filter.doFilter(FakeHttp.request("POST", "/api/knowledge/mound/nodes", 2 << 20, Map.of(), Map.of(), twoMebibytes),
                refused.servlet, chain);
        assertThat(twoMebibytes.read).as("the client has written it all when it reads the answer").isEqualTo(2 << 20);
        assertThat(refused.status).isEqualTo(413);

        FakeHttp.Body huge = new FakeHttp.Body(BodyLimitFilter.DRAINED_BYTES + 1L);
        FakeHttp.Response refusedUnread = new FakeHttp.Response();
        filter.doFilter(FakeHttp.request("POST", "/api/knowledge/mound/nodes", BodyLimitFilter.DRAINED_BYTES + 1L, Map.of(), Map.of(), huge),
                refusedUnread.servlet, chain);
        assertThat(huge.read).isZero();
        assertThat(refusedUnread.status).isEqualTo(413);
        assertThat(passedOn).isFalse();
    }

    @Test
    void aClientThatStopsSendingBeforeItsDeclaredLengthStillGetsTheRefusal() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(config(RestConfig.class, Map.of("max_body_bytes", 1000L)));
        FakeHttp.Body cutShort = new FakeHttp.Body(2, true);
        FakeHttp.Response refused = new FakeHttp.Response();
        filter.doFilter(FakeHttp.request("POST", "/api/health", 5_000_000, Map.of(), Map.of(), cutShort), refused.servlet, chain);
        assertThat(refused.status).isEqualTo(413);
        assertThat(passedOn).isFalse();
    }

    @Test
    void aBodyLimitThatIsNotPathEqualsBytesIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new BodyLimitFilter(config(RestConfig.class, Map.of("body_limits", new String[] {"/upload=lots"}))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'/upload=lots'");
    }

    @Test
    void withoutARequestIdTheTraceIdIsNullNotTheWordNull() throws Exception {
        BodyLimitFilter filter = new BodyLimitFilter(config(RestConfig.class, Map.of("max_body_bytes", 10L)));
        FakeHttp.Response response = new FakeHttp.Response();

        filter.doFilter(FakeHttp.request("POST", 11, Map.of(), Map.of()), response.servlet, chain);

        assertThat(json(response).get("trace_id").isNull()).isTrue();
    }

    @Test
    void aPreflightFromAnotherOriginIsAForbiddenErrorWithItsTraceId() throws Exception {
        CorsFilter filter = new CorsFilter(config(CorsFilter.Config.class, Map.of("allowed_origins", new String[] {"https://app.example.com"})));
        FakeHttp.Response response = new FakeHttp.Response();

        filter.doFilter(FakeHttp.request("OPTIONS", -1, Map.of("Origin", "https://evil.example.net",
                "Access-Control-Request-Method", "POST"), Map.of(RequestIds.MDC_KEY, "req-2")), response.servlet, chain);

        assertThat(passedOn).isFalse();
        assertThat(response.status).isEqualTo(403);
        assertThat(response.headers).doesNotContainKey("Access-Control-Allow-Origin");
        assertError(response, "origin not allowed", "forbidden", "req-2");
    }

    private static void assertError(FakeHttp.Response response, String error, String code, String traceId) throws Exception {
        assertThat(response.contentType).isEqualTo("application/json");
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("trace_id").asText()).isEqualTo(traceId);
        assertThat(body.size()).isEqualTo(3);
    }

    private static JsonNode json(FakeHttp.Response response) throws Exception {
        return ApiJson.mapper().readTree(response.text());
    }

    /** A configuration annotation with the given values and the declared defaults. */
    static <A> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            throw new IllegalStateException(method.getName() + " has no default and no test value");
        }));
    }
}
