package ai.aragora.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's only way in: HTTP Basic as {@code admin} with the admin token. The console
 * is configured to require this provider, so while it is absent the console serves nothing.
 */
@Component(configurationPid = AuthSecrets.PID, property = SecurityProvider.PROPERTY_ID + "=aragora")
public class AdminSecurityProvider implements SecurityProvider {

    static final String ADMIN = "admin";
    static final String REALM = "Aragora console";
    private static final Logger LOG = LoggerFactory.getLogger(AdminSecurityProvider.class);

    private volatile byte[] token;

    @Activate
    public AdminSecurityProvider(AuthSecrets secrets) {
        modified(secrets);
    }

    @Modified
    void modified(AuthSecrets secrets) {
        String value = secrets._admin_token();
        // An empty token would let an empty password in.
        this.token = value == null || value.isEmpty() ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<BasicCredentials> credentials = BasicCredentials.parse(request.getHeader("Authorization"));
        if (credentials.isPresent() && accepts(credentials.get())) {
            return ADMIN;
        }
        if (credentials.isPresent()) {
            LOG.warn("console login refused for user '{}' from {}", printable(credentials.get().user()), request.getRemoteAddr());
        }
        challenge(response);
        return null;
    }

    boolean accepts(BasicCredentials credentials) {
        byte[] expected = token;
        if (expected == null) {
            return false;
        }
        boolean user = MessageDigest.isEqual(ADMIN.getBytes(StandardCharsets.UTF_8),
                credentials.user().getBytes(StandardCharsets.UTF_8));
        boolean password = MessageDigest.isEqual(expected, credentials.password().getBytes(StandardCharsets.UTF_8));
        return user & password;
    }

    @Override
    public boolean authorize(Object user, String role) {
        return ADMIN.equals(user);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        challenge(response);
    }

    private static void challenge(HttpServletResponse response) {
        try {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            response.setContentType("application/json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"error\":\"authentication required\",\"code\":\"unauthorized\"}");
        } catch (IOException | IllegalStateException e) {
            LOG.debug("could not send the console challenge", e);
        }
    }

    private static String printable(String user) {
        String clipped = user.length() > 64 ? user.substring(0, 64) : user;
        return clipped.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
