package ai.aragora.ui;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every page and asset is served with. Scripts and styles come only from this
 * server's own files (no inline code, no eval), the pages talk only to their own origin (the
 * REST API and the {@code /ws} stream), they may not be framed, and no URL leaks in a Referer.
 */
final class SecurityHeaders {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-store");
    }
}
