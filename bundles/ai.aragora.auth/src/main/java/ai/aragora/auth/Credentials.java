package ai.aragora.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.storage.ApiKey;
import ai.aragora.api.storage.ApiKeyStore;
import ai.aragora.api.storage.User;
import ai.aragora.api.storage.UserStore;

/**
 * Turns what a request presents into a principal: the admin token, an API key, or a JWT access
 * token whose user still exists and whose token version is current. The users and keys are
 * read from the store on every request, so a revoked key or a logged-out session stops at once.
 */
@Component(service = Credentials.class, configurationPid = AuthConfig.PID)
@Designate(ocd = AuthConfig.class)
public class Credentials {

    private final UserStore users;
    private final ApiKeyStore keys;
    private volatile byte[] adminToken;
    private volatile JwtCodec jwt;
    private volatile boolean registrationOpen;

    @Activate
    public Credentials(AuthConfig config, @Reference UserStore users, @Reference ApiKeyStore keys) {
        this.users = users;
        this.keys = keys;
        modified(config);
    }

    @Modified
    void modified(AuthConfig config) {
        String admin = config._admin_token();
        this.adminToken = admin == null || admin.isEmpty() ? null : admin.getBytes(StandardCharsets.UTF_8);
        this.jwt = new JwtCodec(config._jwt_secret(), config.issuer(), config.audience(),
                Duration.ofHours(config.jwt_expiry_hours()), Duration.ofDays(config.refresh_token_expiry_days()), Clock.systemUTC());
        this.registrationOpen = config.registration_open();
    }

    JwtCodec jwt() {
        return jwt;
    }

    UserStore users() {
        return users;
    }

    ApiKeyStore keys() {
        return keys;
    }

    boolean registrationOpen() {
        return registrationOpen;
    }

    /** The principal a bearer token stands for, or why it stands for none. */
    AuthPrincipal authenticate(String bearer) throws InvalidTokenException {
        byte[] admin = adminToken;
        if (admin != null && MessageDigest.isEqual(admin, bearer.getBytes(StandardCharsets.UTF_8))) {
            return new AuthPrincipal("admin", null, AuthPrincipal.Kind.ADMIN, Roles.OWNER, Set.of("*"));
        }
        if (ApiKeys.looksLikeKey(bearer)) {
            return byKey(bearer);
        }
        JwtCodec.Claims claims = jwt.verify(bearer, TokenType.ACCESS);
        User user = current(claims);
        return forUser(user);
    }

    /** A user whose session token still holds: the user exists and has not logged out since. */
    User current(JwtCodec.Claims claims) throws InvalidTokenException {
        User user = users.find(claims.subject()).orElseThrow(() -> new InvalidTokenException("no such user"));
        if (user.tokenVersion() != claims.tokenVersion()) {
            throw new InvalidTokenException("token version " + claims.tokenVersion() + " was revoked");
        }
        return user;
    }

    static AuthPrincipal forUser(User user) {
        return new AuthPrincipal(user.id(), user.orgId(), AuthPrincipal.Kind.USER, user.role(), Roles.permissions(user.role()));
    }

    private AuthPrincipal byKey(String key) throws InvalidTokenException {
        Optional<ApiKey> found = keys.findByPrefix(ApiKeys.lookup(key));
        if (found.isEmpty() || !ApiKeys.matches(key, found.get().keyHash())) {
            throw new InvalidTokenException("unknown API key");
        }
        ApiKey apiKey = found.get();
        if (apiKey.revoked()) {
            throw new InvalidTokenException("API key " + apiKey.id() + " was revoked");
        }
        User owner = users.find(apiKey.ownerId()).orElseThrow(() -> new InvalidTokenException("API key owner no longer exists"));
        AuthPrincipal.Kind kind = Roles.SERVICE.equals(owner.role()) ? AuthPrincipal.Kind.SERVICE : AuthPrincipal.Kind.API_KEY;
        return new AuthPrincipal(owner.id(), owner.orgId(), kind, owner.role(), Roles.permissions(owner.role()));
    }

    /**
     * A service acting for a user it names (X-User-ID, X-Org-ID, X-User-Roles). Only a request
     * already authenticated as a service may do this; the roles it may claim are capped by the
     * service's own role.
     */
    static AuthPrincipal onBehalf(AuthPrincipal service, String userId, String orgId, String roles) {
        List<String> claimed = roles == null ? List.of() : Arrays.stream(roles.split(",")).map(String::trim)
                .filter(r -> !r.isEmpty() && !r.equals(Roles.OWNER)).toList();
        Set<String> granted = Roles.permissions(claimed).stream()
                .filter(p -> service.can(p) || service.kind() == AuthPrincipal.Kind.ADMIN)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        return new AuthPrincipal(userId, orgId, AuthPrincipal.Kind.SERVICE, claimed.isEmpty() ? null : claimed.get(0), granted);
    }
}
