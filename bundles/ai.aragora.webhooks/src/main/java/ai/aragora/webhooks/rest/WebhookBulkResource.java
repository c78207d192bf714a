package ai.aragora.webhooks.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
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

/**
 * {@code POST /api/v1/webhooks/bulk} with {@code {"webhooks": [...]}}: creates up to
 * {@value #MAX} subscriptions, each shaped as a single create, all in one commit or none. A
 * problem in any item is a 400 naming the item's index.
 */
@Component(service = WebhookBulkResource.class)
@JakartarsResource
@JSONRequired
@Path("api/v1/webhooks/bulk")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookBulkResource {

    static final int MAX = 100;

    private final WebhookAccess access;

    @Activate
    public WebhookBulkResource(@Reference WebhookManager manager, @Reference AccessControl access,
            @Reference OutboundPolicy policy) {
        this.access = new WebhookAccess(manager, access, policy);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, Map<String, Object> request) {
        String org = WebhookAccess.owningOrg(access.require(security, WebhookAccess.WRITE));
        Object items = WebhookRequests.body(request).get("webhooks");
        if (!(items instanceof List<?> list) || list.isEmpty()) {
            throw new BadRequestException("webhooks is required: a non-empty list of subscriptions to create");
        }
        if (list.size() > MAX) {
            throw new BadRequestException("at most " + MAX + " webhooks per bulk request, got " + list.size());
        }
        List<NewSubscription> made = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw new BadRequestException("webhooks[" + i + "] must be an object");
            }
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) item;
                made.add(NewSubscription.from(body, org, access));
            } catch (WebApplicationException e) {
                if (e.getResponse().getStatus() != 400) {
                    throw e;
                }
                throw new BadRequestException("webhooks[" + i + "]: " + e.getMessage());
            }
        }
        access.manager().subscriptions().createAll(made.stream().map(NewSubscription::subscription).toList());
        return Response.status(201).entity(Map.of("created", made.stream().map(NewSubscription::answer).toList(),
                "total", made.size())).build();
    }
}
