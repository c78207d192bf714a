package ai.aragora.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.ops.RateLimit;
import ai.aragora.api.ops.RateLimits;
import ai.aragora.api.storage.ApiKey;
import ai.aragora.api.storage.User;

/**
 * Accounts and sessions: register, login, refresh, logout (every session of the user), who am
 * I, and API keys (shown once, stored as a hash). Failures never tell an email that exists
 * from one that does not.
 */
@Component(service = {AuthResource.class, RateLimits.class})
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource implements RateLimits {

    private static final long STORE_TIMEOUT_SECONDS = 10;

    private final Credentials credentials;
    private final AccessControl access;
    private final AuthMetrics metrics;
    private final PasswordHasher passwords = new PasswordHasher();
    private final ApiKeys apiKeys = new ApiKeys();
    /** A hash nobody's password has: logins for unknown emails take as long as real ones. */
    private final String decoy = passwords.decoy();
    private final LoginThrottle logins = new LoginThrottle();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog audit;

    /** Present with a cluster broker: login attempts are then counted across instances. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SharedCounters counters;

    @Activate
    public AuthResource(@Reference Credentials credentials, @Reference AccessControl access, @Reference AuthMetrics metrics) {
        this.credentials = credentials;
        this.access = access;
        this.metrics = metrics;
    }

    @POST
    @Path("register")
    public Response register(@Context HttpServletRequest request, JsonNode body) {
        if (!credentials.registrationOpen()) {
            throw new ForbiddenException("registration is closed on this server");
        }
        String email = field(body, "email");
        String password = field(body, "password");
        String problem = PasswordHasher.problem(password);
        if (problem != null) {
            throw new BadRequestException(problem);
        }
        if (credentials.users().findByEmail(email).isPresent()) {
            throw new ClientErrorException("an account with this email already exists", 409);
        }
        Instant now = Instant.now();
        User user;
        try {
            user = new User("usr-" + UUID.randomUUID(), email, passwords.hash(password), "org-" + UUID.randomUUID(),
                    Roles.OWNER, 0, now, now);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
        try {
            await(credentials.users().create(user));
        } catch (IllegalStateException e) {
            // two registrations raced for one email: the store's uniqueness decided
            if (credentials.users().findByEmail(email).isPresent()) {
                throw new ClientErrorException("an account with this email already exists", 409);
            }
            throw e;
        }
        record(user.id(), "auth.register", user.id(), "success", request);
        return Response.status(201).entity(session(user)).build();
    }

    @POST
    @Path("login")
    public Map<String, Object> login(@Context HttpServletRequest request, JsonNode body) {
        String email = field(body, "email");
        String password = field(body, "password");
        throttle(email.trim().toLowerCase(java.util.Locale.ROOT));
        Optional<User> user = credentials.users().findByEmail(email);
        boolean ok = passwords.matches(password, user.map(User::passwordHash).orElse(decoy)) && user.isPresent();
        if (!ok) {
            metrics.failures.labels("bad_password").inc();
            record(user.map(User::id).orElse("unknown"), "auth.login", "", "failure", request);
            throw new NotAuthorizedException("invalid email or password", "Bearer realm=\"aragora\"");
        }
        record(user.get().id(), "auth.login", user.get().id(), "success", request);
        return session(user.get());
    }

    @POST
    @Path("refresh")
    public Map<String, Object> refresh(JsonNode body) {
        String token = field(body, "refresh_token");
        try {
            JwtCodec.Claims claims = credentials.jwt().verify(token, TokenType.REFRESH);
            return session(credentials.current(claims));
        } catch (InvalidTokenException e) {
            metrics.failures.labels(Authenticator.reasonLabel(e.reason())).inc();
            throw new NotAuthorizedException("invalid or expired refresh token", "Bearer realm=\"aragora\"");
        }
    }

    /** Ends every session of the caller: tokens carry the version this bumps. */
    @POST
    @Path("logout")
    public Map<String, Object> logout(@Context SecurityContext security, @Context HttpServletRequest request) {
        AuthPrincipal principal = user(security);
        await(credentials.users().bumpTokenVersion(principal.id()));
        record(principal.id(), "auth.logout", principal.id(), "success", request);
        return Map.of("logged_out", true);
    }

    @GET
    @Path("me")
    public Map<String, Object> me(@Context SecurityContext security) {
        AuthPrincipal principal = access.principal(security == null ? null : security.getUserPrincipal());
        if (principal.isAnonymous()) {
            throw new NotAuthorizedException("authentication required", "Bearer realm=\"aragora\"");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", principal.id());
        view.put("kind", principal.kind().name().toLowerCase(java.util.Locale.ROOT));
        view.put("org_id", principal.orgId());
        view.put("role", principal.role());
        credentials.users().find(principal.id()).ifPresent(u -> view.put("email", u.email()));
        view.put("permissions", new TreeSet<>(principal.permissions()));
        return view;
    }

    @POST
    @Path("api-key")
    public Response createKey(@Context SecurityContext security, @Context HttpServletRequest request) {
        AuthPrincipal principal = keyOwner(security);
        String key = apiKeys.generate();
        ApiKey stored = new ApiKey("key-" + UUID.randomUUID(), ApiKeys.lookup(key), ApiKeys.hash(key), principal.id(),
                principal.orgId(), Instant.now(), Optional.empty());
        await(credentials.keys().create(stored));
        record(principal.id(), "auth.api_key.create", stored.id(), "success", request);
        Map<String, Object> view = keyView(stored);
        view.put("api_key", key);
        view.put("note", "store this key now: it is not shown again");
        return Response.status(201).entity(view).build();
    }

    @GET
    @Path("api-keys")
    public Map<String, Object> listKeys(@Context SecurityContext security) {
        AuthPrincipal principal = keyOwner(security);
        return Map.of("api_keys", credentials.keys().listByOwner(principal.id()).stream().map(AuthResource::keyView).toList());
    }

    @DELETE
    @Path("api-key")
    public Map<String, Object> revokeKey(@Context SecurityContext security, @Context HttpServletRequest request,
            @QueryParam("id") String id) {
        AuthPrincipal principal = keyOwner(security);
        if (id == null || id.isBlank()) {
            throw new BadRequestException("id of the key to revoke is required (?id=)");
        }
        ApiKey key = credentials.keys().find(id).orElseThrow(() -> new NotFoundException("no API key " + clip(id)));
        boolean mine = key.ownerId().equals(principal.id());
        if (!mine && !(principal.can("apikeys.revoke") && principal.canSee(key.orgId()))) {
            throw new NotFoundException("no API key " + clip(id));
        }
        if (!await(credentials.keys().revoke(id, Instant.now()))) {
            throw new ClientErrorException("API key " + id + " is already revoked", 409);
        }
        record(principal.id(), "auth.api_key.revoke", id, "success", request);
        return Map.of("revoked", true, "id", id);
    }

    private Map<String, Object> session(User user) {
        JwtCodec jwt = credentials.jwt();
        Map<String, Object> view = new LinkedHashMap<>();
        Map<String, Object> account = new LinkedHashMap<>();
        account.put("id", user.id());
        account.put("email", user.email());
        account.put("org_id", user.orgId());
        account.put("role", user.role());
        view.put("user", account);
        view.put("access_token", jwt.issue(TokenType.ACCESS, user.id(), user.email(), user.orgId(), user.role(), user.tokenVersion()));
        view.put("refresh_token", jwt.issue(TokenType.REFRESH, user.id(), user.email(), user.orgId(), user.role(), user.tokenVersion()));
        view.put("token_type", "Bearer");
        view.put("expires_in", jwt.ttl(TokenType.ACCESS).toSeconds());
        return view;
    }

    private static Map<String, Object> keyView(ApiKey key) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", key.id());
        view.put("prefix", key.prefix());
        view.put("created_at", key.createdAt().toString());
        view.put("revoked", key.revoked());
        return view;
    }

    private AuthPrincipal user(SecurityContext security) {
        AuthPrincipal principal = access.principal(security == null ? null : security.getUserPrincipal());
        if (principal.isAnonymous()) {
            throw new NotAuthorizedException("authentication required", "Bearer realm=\"aragora\"");
        }
        if (principal.kind() != AuthPrincipal.Kind.USER && principal.kind() != AuthPrincipal.Kind.API_KEY) {
            throw new ForbiddenException("only a user has sessions and keys of their own");
        }
        return principal;
    }

    private AuthPrincipal keyOwner(SecurityContext security) {
        AuthPrincipal principal = user(security);
        return access.require(principal, "apikeys.manage");
    }

    private void throttle(String email) {
        if (!logins.admit(email, counters, System.nanoTime())) {
            refuseLogin();
        }
    }

    @Override
    public List<RateLimit> rateLimits() {
        return List.of(logins.status(System.nanoTime(), counters != null));
    }

    private void refuseLogin() {
        metrics.failures.labels("throttled").inc();
        // no entity: the error mapper gives it the shape, code and trace id of every other error
        throw new ClientErrorException("too many login attempts: retry in a minute",
                Response.status(429).header("Retry-After", 60).build());
    }

    private void record(String actor, String action, String target, String outcome, HttpServletRequest request) {
        AuditLog log = audit;
        if (log != null) {
            log.record(new AuditEvent(Instant.now(), actor, action, target, outcome,
                    request == null ? "" : request.getRemoteAddr(), Map.of()));
        }
    }

    private static String field(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadRequestException("'" + name + "' is required and must be a string");
        }
        return value.asText();
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to the store", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the store did not complete the write", e);
        }
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
