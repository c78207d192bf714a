package ai.aragora.webhooks.rest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.webhooks.WebhookManager;
import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.outbox.Delivery;
import ai.aragora.webhooks.store.Subscription;

/**
 * {@code /api/webhooks} (no version, as clients call it): {@code POST dispatch} sends an event
 * of the caller's own to its org's subscriptions (or to one, {@code webhook_id}), signed and
 * retried like every delivery; {@code GET platforms} lists the sink kinds and whether each
 * one's bundle runs. Types the server announces itself cannot be dispatched: a receiver must be
 * able to trust a {@code debate.completed}. A custom type reaches subscriptions to every event.
 */
@Component(service = WebhookDispatchResource.class)
@JakartarsResource
@JSONRequired
@Path("api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookDispatchResource {

    static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+");
    private static final Map<String, String> KNOWN_SINKS = Map.of(
            "http", "A signed JSON POST to the subscription's URL",
            "slack", "A Slack incoming-webhook message: a readable summary with a link to the debate");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookAccess access;

    @Activate
    public WebhookDispatchResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @POST
    @Path("dispatch")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response dispatch(@Context SecurityContext security, Map<String, Object> request) {
        Map<String, Object> body = WebhookRequests.body(request);
        String type = type(WebhookRequests.text(body, "event_type", 64));
        Map<String, Object> payload = payload(body.get("payload"));
        Object id = body.get("webhook_id");
        WebhookManager manager = access.manager();
        List<Subscription> targets;
        if (id != null) {
            if (!(id instanceof String s)) {
                throw new BadRequestException("webhook_id must be a string");
            }
            targets = List.of(access.visible(security, s, WebhookAccess.WRITE));
        } else {
            String org = WebhookAccess.owningOrg(access.require(security, WebhookAccess.WRITE));
            targets = manager.subscriptions().active(org).stream().filter(s -> s.wants(type)).toList();
        }
        Instant now = manager.now();
        List<Delivery> deliveries = new ArrayList<>();
        for (Subscription s : targets) {
            deliveries.add(Delivery.pending(s.id(), s.orgId(), null, s.sink(), type, now, payload, now));
        }
        if (!deliveries.isEmpty()) {
            manager.enqueue(deliveries);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event_type", type);
        out.put("dispatched", deliveries.size());
        out.put("delivery_ids", deliveries.stream().map(Delivery::id).toList());
        return Response.status(202).entity(out).build();
    }

    @GET
    @Path("platforms")
    public Map<String, Object> platforms(@Context SecurityContext security) {
        access.require(security, WebhookAccess.READ);
        TreeSet<String> kinds = new TreeSet<>(KNOWN_SINKS.keySet());
        kinds.addAll(access.manager().sinkKinds());
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (String kind : kinds) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", kind);
            p.put("running", access.manager().hasSink(kind));
            p.put("description", KNOWN_SINKS.get(kind));
            platforms.add(p);
        }
        return Map.of("platforms", platforms, "total", platforms.size());
    }

    private static String type(String type) {
        if (type == null) {
            throw new BadRequestException("event_type is required, e.g. custom.deploy_finished");
        }
        if (!TYPE.matcher(type).matches()) {
            throw new BadRequestException("event_type must be dotted lower-case words, e.g. custom.deploy_finished");
        }
        if ((EventCatalog.known(type) || EventCatalog.callbackOnly(type)) && !type.equals(EventCatalog.WEBHOOK_TEST)) {
            throw new BadRequestException("'" + type + "' is announced by the server itself and cannot be dispatched");
        }
        return type;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new BadRequestException("payload must be a JSON object");
        }
        try {
            if (JSON.writeValueAsString(map).getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
                throw new BadRequestException("payload must be at most " + MAX_PAYLOAD_BYTES / 1024 + " KB of JSON");
            }
        } catch (JsonProcessingException e) {
            throw new BadRequestException("payload is not serialisable JSON");
        }
        return (Map<String, Object>) map;
    }
}
