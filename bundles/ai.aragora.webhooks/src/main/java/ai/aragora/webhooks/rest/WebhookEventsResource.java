package ai.aragora.webhooks.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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
import ai.aragora.webhooks.store.Subscription;

/**
 * {@code POST|DELETE /api/v1/webhooks/{id}/events}: adds event types to a subscription or
 * removes them, with {@code {"events": [...]}} ({@code ["*"]} adds every type). A subscription
 * to every event that loses one
 * keeps every other catalogue type; one that loses its last type is refused (delete it instead).
 */
@Component(service = WebhookEventsResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks/{id}/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookEventsResource {

    private final WebhookAccess access;

    @Activate
    public WebhookEventsResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @POST
    public Map<String, Object> add(@Context SecurityContext security, @PathParam("id") String id, Map<String, Object> request) {
        Subscription s = access.visible(security, id, WebhookAccess.WRITE);
        List<String> added = named(request);
        if (s.events().isEmpty()) {
            return WebhookViews.subscription(s);
        }
        if (added.isEmpty()) {
            if (!(request.get("events") instanceof List<?> raw) || !raw.contains("*")) {
                throw new BadRequestException("events must name the event types to add, or [\"*\"] for every one");
            }
            return save(s, List.of());
        }
        List<String> events = new ArrayList<>(s.events());
        added.stream().filter(e -> !events.contains(e)).forEach(events::add);
        return save(s, events);
    }

    @DELETE
    public Map<String, Object> remove(@Context SecurityContext security, @PathParam("id") String id, Map<String, Object> request) {
        Subscription s = access.visible(security, id, WebhookAccess.WRITE);
        List<String> removed = named(request);
        if (removed.isEmpty()) {
            throw new BadRequestException("events must name the event types to remove; [\"*\"] is not one");
        }
        List<String> events = new ArrayList<>(s.events().isEmpty() ? EventCatalog.subscribable() : s.events());
        events.removeAll(removed);
        if (events.isEmpty()) {
            throw new BadRequestException("that would leave webhook " + s.id() + " with no event types: delete it instead");
        }
        return save(s, events);
    }

    private Map<String, Object> save(Subscription s, List<String> events) {
        WebhookManager manager = access.manager();
        Subscription changed = s.withEvents(events, manager.now());
        if (!manager.subscriptions().update(changed)) {
            throw WebhookAccess.gone(s.id());
        }
        return WebhookViews.subscription(changed);
    }

    /** The request's event types; empty for {@code ["*"]}. */
    private static List<String> named(Map<String, Object> request) {
        Map<String, Object> body = WebhookRequests.body(request);
        if (!body.containsKey("events")) {
            throw new BadRequestException("events is required: a list of event types (GET /api/v1/webhooks/events)");
        }
        return WebhookRequests.events(body.get("events"));
    }
}
