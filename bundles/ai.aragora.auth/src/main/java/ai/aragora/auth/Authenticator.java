package ai.aragora.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardFilterPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.wire.ErrorWire;

/**
 * Authenticates every request that presents {@code Authorization: Bearer ...}: the request then
 * carries its {@link AuthPrincipal} as its user principal (REST resources and the event stream
 * read it there). Invalid credentials are refused here with 401; no credentials means anonymous,
 * and resources decide what anonymous may do. Tokens in the query string are never read. A
 * browser cannot set headers on a WebSocket, so an upgrade may instead offer the subprotocol
 * {@code aragora.bearer.<token>} (the stream answers with {@code aragora.v1}, never echoing it).
 */
@Component(service = Filter.class, property = Constants.SERVICE_RANKING + ":Integer=70")
@HttpWhiteboardFilterPattern("/*")
public class Authenticator implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final int MAX_HEADER = 8192;
    static final String WS_BEARER = "aragora.bearer.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Credentials credentials;
    private final AuthMetrics metrics;

    @Activate
    public Authenticator(@Reference Credentials credentials, @Reference AuthMetrics metrics) {
        this.credentials = credentials;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String header = bearer(request.getHeader("Authorization"), request.getHeader("Sec-WebSocket-Protocol"));
        if (header == null) {
            chain.doFilter(req, res);
            return;
        }
        String token = header.substring(7).trim();
        AuthPrincipal principal;
        try {
            if (token.isEmpty() || header.length() > MAX_HEADER) {
                throw new InvalidTokenException("empty or oversized credentials");
            }
            principal = credentials.authenticate(token);
        } catch (InvalidTokenException e) {
            metrics.failures.labels(reasonLabel(e.reason())).inc();
            LOG.info("authentication refused from {}: {}", request.getRemoteAddr(), e.reason());
            refuse((HttpServletResponse) res, request.getAttribute("request_id"));
            return;
        }
        if (principal.kind() == AuthPrincipal.Kind.SERVICE || principal.kind() == AuthPrincipal.Kind.ADMIN) {
            String user = request.getHeader("X-User-ID");
            if (user != null) {
                String org = request.getHeader("X-Org-ID");
                if (!ID.matcher(user).matches() || org == null || !ID.matcher(org).matches()) {
                    metrics.failures.labels("bad_service_headers").inc();
                    refuse((HttpServletResponse) res, request.getAttribute("request_id"));
                    return;
                }
                principal = Credentials.onBehalf(principal, user, org, request.getHeader("X-User-Roles"));
            }
        }
        chain.doFilter(new Authenticated(request, principal), res);
    }

    /** {@code Bearer <token>} from the Authorization header or a WebSocket subprotocol, else null. */
    static String bearer(String header, String offered) {
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header;
        }
        if (header == null && offered != null && offered.length() <= MAX_HEADER) {
            for (String protocol : offered.split(",")) {
                String p = protocol.trim();
                if (p.startsWith(WS_BEARER)) {
                    return "Bearer " + p.substring(WS_BEARER.length());
                }
            }
        }
        return null;
    }

    private static void refuse(HttpServletResponse response, Object requestId) throws IOException {
        byte[] body = refusal(requestId);
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "Bearer realm=\"aragora\", error=\"invalid_token\"");
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The 401 body; a filter answers before any exception mapper could, so it writes the common error shape itself. */
    static byte[] refusal(Object requestId) throws IOException {
        return MAPPER.writeValueAsBytes(ErrorWire.error(401, "invalid or expired credentials",
                requestId instanceof String id ? id : null));
    }

    /** A bounded set of label values: the reasons' first words. */
    static String reasonLabel(String reason) {
        if (reason.startsWith("expired")) {
            return "expired";
        }
        if (reason.startsWith("signature")) {
            return "bad_signature";
        }
        if (reason.startsWith("algorithm")) {
            return "bad_algorithm";
        }
        if (reason.startsWith("token type") || reason.startsWith("type claim")) {
            return "wrong_token_type";
        }
        if (reason.startsWith("token version")) {
            return "revoked";
        }
        if (reason.contains("API key")) {
            return "bad_api_key";
        }
        return "invalid";
    }

    /** The request as the application sees it: with its principal. */
    private static final class Authenticated extends HttpServletRequestWrapper {

        private final AuthPrincipal principal;

        Authenticated(HttpServletRequest request, AuthPrincipal principal) {
            super(request);
            this.principal = principal;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public String getRemoteUser() {
            return principal.id();
        }

        @Override
        public String getAuthType() {
            return "Bearer";
        }

        @Override
        public boolean isUserInRole(String role) {
            return role != null && role.equals(principal.role());
        }
    }
}
