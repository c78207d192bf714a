package ai.aragora.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.ShareLink;
import ai.aragora.api.storage.ShareLinkStore;
import ai.aragora.wire.DebateWire;
import ai.aragora.wire.ErrorWire;
import ai.aragora.wire.ReceiptWire;

/**
 * Read-only links to a debate. Creating and revoking one needs the right to export the
 * debate; reading through one needs only its token, presented in the {@code X-Share-Token}
 * header (never a URL, so it stays out of request logs). The token is shown once and stored
 * only as a hash; a link is good for its debate's org until it expires or is revoked.
 */
@Component(service = ShareResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/shares")
@Produces(MediaType.APPLICATION_JSON)
public class ShareResource {

    static final int DEFAULT_HOURS = 24;
    static final int MAX_HOURS = 720;
    static final int MAX_EVENTS = 1000;
    static final String TOKEN_PREFIX = "ars_";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile("ars_[A-Za-z0-9_-]{43}");
    private static final long STORE_TIMEOUT_SECONDS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AccessControl access;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ShareLinkStore shares;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DebateStore debates;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ReceiptService receipts;

    @Activate
    public ShareResource(@Reference AccessControl access) {
        this.access = access;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, Map<String, Object> body) {
        AuthPrincipal principal = access.require(principal(security), "debates.export");
        Object debateId = body == null ? null : body.get("debate_id");
        if (!(debateId instanceof String id) || !ID.matcher(id).matches()) {
            throw new BadRequestException("debate_id is required: 1-128 letters, digits or . _ : -");
        }
        Object hours = body.getOrDefault("expires_in_hours", DEFAULT_HOURS);
        if (!(hours instanceof Integer h) || h < 1 || h > MAX_HOURS) {
            throw new BadRequestException("expires_in_hours must be a whole number from 1 to " + MAX_HOURS);
        }
        DebateRecord debate = debates().find(id).filter(d -> principal.canSee(d.orgId()))
                .orElseThrow(() -> new NotFoundException("no debate " + id));
        String token = newToken();
        Instant now = clock.instant();
        ShareLink link = new ShareLink("shr-" + UUID.randomUUID(), hash(token), debate.id(), debate.orgId(), principal.id(), now,
                now.plus(Duration.ofHours(h)), Optional.empty());
        await(shares().create(link));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", link.id());
        view.put("debate_id", link.debateId());
        view.put("token", token);
        view.put("path", "/shared#" + token);
        view.put("expires_at", link.expiresAt().toString());
        return Response.status(201).header("Cache-Control", "no-store").entity(view).build();
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> revoke(@Context SecurityContext security, @PathParam("id") String id) {
        AuthPrincipal principal = access.require(principal(security), "debates.export");
        ShareLink link = (ID.matcher(id).matches() ? shares().find(id) : Optional.<ShareLink>empty())
                .filter(l -> principal.canSee(l.orgId()))
                .orElseThrow(() -> new NotFoundException("no share link " + (ID.matcher(id).matches() ? id : "")));
        boolean revoked = await(shares().revoke(link.id(), clock.instant()));
        return Map.of("id", link.id(), "revoked", revoked);
    }

    /**
     * The shared debate, for whoever holds a valid token: no other credentials needed. A viewer
     * of a running debate asks again with {@code after}, the last event {@code seq} it has, and
     * gets only the newer events (the stream is for principals; a token is not one).
     */
    @GET
    @Path("view")
    public Response view(@HeaderParam("X-Share-Token") String token, @QueryParam("after") Long after) {
        if (after != null && after < 0) {
            throw new BadRequestException("after must be an event seq, 0 or more");
        }
        Instant now = clock.instant();
        Optional<ShareLink> link = token == null || !TOKEN.matcher(token).matches() ? Optional.empty()
                : shares().findByTokenHash(hash(token)).filter(l -> l.validAt(now));
        Optional<DebateRecord> debate = link.flatMap(l -> debates().find(l.debateId()).filter(d -> d.orgId().equals(l.orgId())));
        if (debate.isEmpty()) {
            Map<String, Object> error = ErrorWire.error(404, "this share link is not valid: it expired, was revoked or never existed", null);
            error.put("code", "share_link_invalid");
            return Response.status(404).header("Cache-Control", "no-store").entity(error).build();
        }
        DebateRecord d = debate.get();
        Map<String, Object> view = new LinkedHashMap<>();
        Optional<DebateResult> result = d.status().isFinal() ? debates().result(d.id()) : Optional.empty();
        view.put("debate", result.map(r -> DebateWire.result(r, false)).orElseGet(() -> DebateWire.inProgress(d)));
        long since = after == null ? 0 : after;
        view.put("events", DebateWire.events(debates().events(d.id(), since, MAX_EVENTS), since).get("events"));
        ReceiptService verifier = receipts;
        String receiptId = result.map(DebateResult::receiptId).orElse(null);
        boolean verifiable = receiptId != null && verifier != null;
        view.put("receipt_verification", verifiable ? ReceiptWire.report(verifier.verify(receiptId)) : null);
        view.put("cruxes", verifiable ? verifier.find(receiptId).map(ShareResource::cruxes).orElse(null) : null);
        view.put("expires_at", link.get().expiresAt().toString());
        return Response.ok(view).header("Cache-Control", "no-store").build();
    }

    /** The receipt's {@code cruxes} member: where the final vote split, or why nothing is recorded. */
    static JsonNode cruxes(Receipt receipt) {
        try {
            return JSON.readTree(receipt.document()).get("cruxes");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored receipt is always valid JSON", e);
        }
    }

    private String newToken() {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    static String hash(String token) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while storing the share link");
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("the share link could not be stored: the store is failing or overloaded");
        }
    }

    private ShareLinkStore shares() {
        ShareLinkStore current = shares;
        if (current == null) {
            throw unavailable("share links need a durable storage backend (sqlite or postgres)");
        }
        return current;
    }

    private DebateStore debates() {
        DebateStore current = debates;
        if (current == null) {
            throw unavailable("no storage backend is running");
        }
        return current;
    }

    private static ServiceUnavailableException unavailable(String message) {
        return new ServiceUnavailableException(Response.status(503).header("Retry-After", 5)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorWire.error(503, message, null)).build());
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
