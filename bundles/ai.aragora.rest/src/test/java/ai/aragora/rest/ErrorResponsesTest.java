package ai.aragora.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorResponsesTest {

    @Test
    void serverErrorsNeverSayMoreThanInternalServerError() {
        assertThat(ErrorResponses.message(500, "GET", "/x")).isEqualTo("Internal server error");
        assertThat(ErrorResponses.message(502, "GET", "/x")).isEqualTo("Internal server error");
    }

    @Test
    void notFoundNamesThePathButClipsLongOnes() {
        assertThat(ErrorResponses.message(404, "GET", "/api/nope")).isEqualTo("no resource at /api/nope");
        assertThat(ErrorResponses.message(404, "GET", "/" + "a".repeat(5000))).hasSizeLessThan(250).endsWith("...");
    }

    @Test
    void requestIdsAreEchoedOnlyWhenSane() {
        assertThat(RequestIds.accept("abc-123")).isEqualTo("abc-123");
        assertThat(RequestIds.accept("bad id\r\nX-Injected: 1")).doesNotContain("\n").hasSize(36);
        assertThat(RequestIds.accept("x".repeat(129))).hasSize(36);
        assertThat(RequestIds.accept(null)).hasSize(36);
    }

    @Test
    void aParameterThatDoesNotConvertIsNamed() {
        assertThat(ErrorResponses.badParameter("QueryParam", "limit", new RuntimeException(new NumberFormatException("x"))))
                .isEqualTo("query parameter 'limit' must be a whole number in range");
        assertThat(ErrorResponses.badParameter("HeaderParam", "X-Flag", null)).isEqualTo("header 'X-Flag' has a value of the wrong type");
    }
}
