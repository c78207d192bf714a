package ai.aragora.webhooks.rest;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.webhooks.WebhookManager;
import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.secret.SigningSecrets;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.Subscription.StoredSecret;

/**
 * {@code /api/v1/webhooks}: subscriptions of the caller's org, their deliveries, stats and dead
 * letters, secret rotation, and the event catalogue. Another org's subscription does not exist
 * for the caller; the operator (admin) sees every org's. A secret is shown once, when it is made.
 */
@Component(service = WebhooksResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhooksResource {

    static final String READ = WebhookAccess.READ;
    static final String WRITE = WebhookAccess.WRITE;
    static final int MAX_LIMIT = 100;

    private final WebhookManager manager;
    private final WebhookAccess access;

    @Activate
    public WebhooksResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.manager = manager;
        this.access = new WebhookAccess(manager, access, policy);
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("active_only") @DefaultValue("false") boolean activeOnly,
            @QueryParam("limit") @DefaultValue("20") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        String org = access.org(security, READ);
        WebhookRequests.page(limit, offset, MAX_LIMIT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("webhooks", manager.subscriptions().list(org, activeOnly, offset, limit).stream()
                .map(WebhookViews::subscription).toList());
        body.put("total", manager.subscriptions().count(org, activeOnly));
        body.put("limit", limit);
        body.put("offset", offset);
        return body;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, Map<String, Object> request) {
        String org = WebhookAccess.owningOrg(access.require(security, WRITE));
        NewSubscription made = NewSubscription.from(request, org, access);
        manager.subscriptions().create(made.subscription());
        return Response.status(201).entity(made.answer()).build();
    }

    @GET
    @Path("events")
    public Map<String, Object> events(@Context SecurityContext security) {
        access.require(security, READ);
        return Map.of("events", EventCatalog.TYPES.stream().map(t -> Map.of("type", t.type(), "category", t.category(),
                "description", t.description(), "delivered_to", t.callback() ? "callback_url" : "subscriptions")).toList());
    }

    @GET
    @Path("events/categories")
    public Map<String, Object> categories(@Context SecurityContext security) {
        access.require(security, READ);
        return Map.of("categories", EventCatalog.categories().entrySet().stream()
                .map(e -> Map.of("name", e.getKey(), "events", e.getValue())).toList());
    }

    @GET
    @Path("dead-letter")
    public Map<String, Object> deadLetters(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("100") int limit) {
        String org = access.org(security, READ);
        WebhookRequests.page(limit, 0, 1000);
        List<Map<String, Object>> items = manager.deliveries().deadLetters(org, limit).stream().map(WebhookViews::delivery).toList();
        return Map.of("dead_letters", items, "total", items.size());
    }

    @GET
    @Path("dead-letter/{dl_id}")
    public Map<String, Object> deadLetter(@Context SecurityContext security, @PathParam("dl_id") String id) {
        String org = access.org(security, READ);
        Delivery d = manager.deliveries().find(org, id).filter(x -> x.state() == DeliveryState.DEAD_LETTERED)
                .orElseThrow(() -> new NotFoundException("no dead letter " + WebhookRequests.clip(id)));
        return WebhookViews.deliveryWithPayload(d);
    }

    @POST
    @Path("dead-letter/{dl_id}/retry")
    public Response retryDeadLetter(@Context SecurityContext security, @PathParam("dl_id") String id) {
        String org = access.org(security, WRITE);
        manager.deliveries().find(org, id).filter(x -> x.state() == DeliveryState.DEAD_LETTERED)
                .orElseThrow(() -> new NotFoundException("no dead letter " + WebhookRequests.clip(id)));
        return replay(org, id);
    }

    @POST
    @Path("dead-letter/retry-all")
    public Map<String, Object> retryAllDeadLetters(@Context SecurityContext security) {
        String org = access.org(security, WRITE);
        int n = manager.deliveries().replayDeadLetters(org, manager.now());
        manager.wake();
        return Map.of("requeued", n);
    }

    @POST
    @Path("pause-all")
    public Map<String, Object> pauseAll(@Context SecurityContext security) {
        String org = access.org(security, WRITE);
        return Map.of("paused", manager.subscriptions().pauseAll(org, true, manager.now()));
    }

    @POST
    @Path("resume-all")
    public Map<String, Object> resumeAll(@Context SecurityContext security) {
        String org = access.org(security, WRITE);
        int n = manager.subscriptions().pauseAll(org, false, manager.now());
        manager.wake();
        return Map.of("resumed", n);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        return WebhookViews.subscription(access.visible(security, id, READ));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> update(@Context SecurityContext security, @PathParam("id") String id, Map<String, Object> request) {
        Subscription s = access.visible(security, id, WRITE);
        Map<String, Object> body = WebhookRequests.body(request);
        String url = body.containsKey("url") ? access.checked(WebhookRequests.text(body, "url", 2048)) : s.url();
        List<String> events = body.containsKey("events") ? WebhookRequests.events(body.get("events")) : s.events();
        String sink = body.containsKey("sink") ? WebhookRequests.sink(body.get("sink")) : s.sink();
        Map<String, String> headers = body.containsKey("headers") ? WebhookRequests.headers(body.get("headers")) : s.headers();
        String description = body.containsKey("description")
                ? WebhookRequests.text(body, "description", WebhookRequests.MAX_DESCRIPTION) : s.description();
        boolean active = body.containsKey("active") ? WebhookRequests.bool(body.get("active"), "active") : s.active();
        Subscription updated = new Subscription(s.id(), s.orgId(), url, sink, events, description, headers, s.secrets(),
                active, s.paused(), active ? null : s.disabledReason(), s.createdAt(), manager.now(), s.retry());
        if (!manager.subscriptions().update(updated)) {
            throw WebhookAccess.gone(id);
        }
        manager.wake();
        return WebhookViews.subscription(updated);
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@Context SecurityContext security, @PathParam("id") String id) {
        Subscription s = access.visible(security, id, WRITE);
        if (!manager.subscriptions().delete(s.orgId(), s.id())) {
            throw WebhookAccess.gone(id);
        }
        return Map.of("deleted", true, "webhook_id", s.id());
    }

    @POST
    @Path("{id}/test")
    public Response test(@Context SecurityContext security, @PathParam("id") String id) {
        Subscription s = access.visible(security, id, WRITE);
        Instant now = manager.now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", s.id());
        data.put("message", "a test delivery from Aragora");
        Delivery d = Delivery.pending(s.id(), s.orgId(), null, s.sink(), EventCatalog.WEBHOOK_TEST, now, data, now);
        manager.enqueue(List.of(d));
        return Response.status(202).entity(Map.of("delivery_id", d.id(), "status", d.state().name())).build();
    }

    @GET
    @Path("{id}/deliveries")
    public Map<String, Object> deliveries(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("status") String status, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset) {
        Subscription s = access.visible(security, id, READ);
        WebhookRequests.page(limit, offset, MAX_LIMIT);
        DeliveryState state = null;
        if (status != null && !status.isBlank()) {
            try {
                state = DeliveryState.valueOf(status.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("status must be one of pending, in_progress, delivered, retrying, dead_lettered");
            }
        }
        return Map.of("deliveries", manager.deliveries().list(s.id(), state, offset, limit).stream()
                .map(WebhookViews::delivery).toList(), "limit", limit, "offset", offset);
    }

    @GET
    @Path("{id}/deliveries/{did}")
    public Map<String, Object> delivery(@Context SecurityContext security, @PathParam("id") String id, @PathParam("did") String did) {
        Subscription s = access.visible(security, id, READ);
        return WebhookViews.deliveryWithPayload(ofSubscription(s, did));
    }

    @POST
    @Path("{id}/deliveries/{did}/retry")
    public Response retry(@Context SecurityContext security, @PathParam("id") String id, @PathParam("did") String did) {
        Subscription s = access.visible(security, id, WRITE);
        ofSubscription(s, did);
        return replay(s.orgId(), did);
    }

    @GET
    @Path("{id}/stats")
    public Map<String, Object> stats(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("days") Integer days) {
        Subscription s = access.visible(security, id, READ);
        if (days != null && (days < 1 || days > 365)) {
            throw new BadRequestException("days must be between 1 and 365, got " + days);
        }
        Instant since = days == null ? null : manager.now().minus(Duration.ofDays(days));
        Map<String, Object> counts = new LinkedHashMap<>();
        manager.deliveries().counts(s.id(), since).forEach((state, n) -> counts.put(state.name().toLowerCase(Locale.ROOT), n));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", s.id());
        out.put("days", days);
        out.put("deliveries", counts);
        out.put("sink", s.sink());
        out.put("sink_running", manager.hasSink(s.sink()));
        out.put("active", s.active());
        out.put("paused", s.paused());
        return out;
    }

    @POST
    @Path("{id}/rotate-secret")
    public Map<String, Object> rotate(@Context SecurityContext security, @PathParam("id") String id) {
        Subscription s = access.visible(security, id, WRITE);
        Instant now = manager.now();
        String secret = SigningSecrets.generate();
        List<StoredSecret> secrets = WebhookAccess.sealed(() -> manager.secrets().rotate(s, secret, manager.secretOverlap(), now));
        if (!manager.subscriptions().update(s.with(secrets, now))) {
            throw WebhookAccess.gone(id);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("webhook_id", s.id());
        out.put("secret", secret);
        out.put("previous_secrets_expire_at", now.plus(manager.secretOverlap()).toString());
        return out;
    }

    private Response replay(String org, String deliveryId) {
        if (!manager.deliveries().replay(org, deliveryId, manager.now())) {
            throw WebhookAccess.failure(409, "delivery " + WebhookRequests.clip(deliveryId) + " is being sent right now");
        }
        manager.wake();
        return Response.status(202).entity(Map.of("delivery_id", deliveryId, "status", DeliveryState.PENDING.name())).build();
    }

    private Delivery ofSubscription(Subscription s, String did) {
        return manager.deliveries().find(s.orgId(), did).filter(d -> s.id().equals(d.subscriptionId()))
                .orElseThrow(() -> new NotFoundException("no delivery " + WebhookRequests.clip(did) + " of webhook " + s.id()));
    }
}
