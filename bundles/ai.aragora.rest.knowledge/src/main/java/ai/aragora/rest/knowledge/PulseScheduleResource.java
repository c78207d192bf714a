package ai.aragora.rest.knowledge;

import static ai.aragora.rest.knowledge.Bodies.integer;
import static ai.aragora.rest.knowledge.Bodies.object;
import static ai.aragora.rest.knowledge.Bodies.principal;
import static ai.aragora.rest.knowledge.Bodies.text;
import static ai.aragora.rest.knowledge.Bodies.valid;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
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
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.api.knowledge.DebateSchedules;

/**
 * Debates Pulse starts on a topic at a fixed interval ({@code /api/v1/pulse/schedules}), within the
 * caller's org like the rest of the mound. Reading needs {@code knowledge.read}; creating, changing,
 * running and deleting one needs {@code knowledge.write}, and creating also {@code debates.create}:
 * every run is a debate the org pays for.
 */
@Component(service = PulseScheduleResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/pulse/schedules")
@Produces(MediaType.APPLICATION_JSON)
public class PulseScheduleResource {

    private static final String CREATE_DEBATES = "debates.create";
    private static final String ABSENT = "scheduled debates are not available on this server (feature knowledge on a SQL storage feature)";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DebateSchedules schedules;
    private final AccessControl access;

    @Activate
    public PulseScheduleResource(@Reference AccessControl access) {
        this.access = access;
    }

    /** For tests: a resource bound to {@code schedules}. */
    PulseScheduleResource(DebateSchedules schedules, AccessControl access) {
        this(access);
        this.schedules = schedules;
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("org") String org) {
        List<Map<String, Object>> items = schedules().list(org(security, KnowledgeResource.READ, org)).stream()
                .map(KnowledgeViews::schedule).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("schedules", items);
        out.put("total", items.size());
        return out;
    }

    @POST
    public Response create(@Context SecurityContext security, JsonNode body, @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), KnowledgeResource.WRITE);
        access.require(principal(security), CREATE_DEBATES);
        String orgId = KnowledgeResource.orgOf(principal, org);
        JsonNode b = object(body);
        String task = text(b, "task", true);
        DebateSpec.Builder spec = DebateSpec.builder(task).orgId(orgId);
        List<String> agents = agents(b);
        if (agents != null) {
            spec.agents(agents);
        }
        spec.rounds(integer(b, "rounds", DebateSpec.DEFAULT_ROUNDS));
        if (!b.hasNonNull("interval_minutes")) {
            throw new BadRequestException("interval_minutes is required");
        }
        Duration every = Duration.ofMinutes(integer(b, "interval_minutes", 0));
        Instant now = Instant.now();
        Instant first = instant(text(b, "first_run_at", false), now);
        boolean enabled = !b.has("enabled") || bool(b, "enabled");
        DebateSchedule schedule = valid(() -> new DebateSchedule("ps-" + UUID.randomUUID(), topic(text(b, "topic", true)),
                spec.build(), every, enabled, first, null, null, null, 0, principal.id(), now));
        schedules().create(schedule);
        return Response.status(Response.Status.CREATED).entity(KnowledgeViews.schedule(schedule)).build();
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        return KnowledgeViews.schedule(find(org(security, KnowledgeResource.READ, org), id));
    }

    /** {@code {"enabled": bool}}: a schedule turned back on keeps its next run, or runs at once when that has passed. */
    @PATCH
    @Path("{id}")
    public Map<String, Object> update(@Context SecurityContext security, @PathParam("id") String id, JsonNode body,
            @QueryParam("org") String org) {
        String orgId = org(security, KnowledgeResource.WRITE, org);
        JsonNode b = object(body);
        if (!b.has("enabled")) {
            throw new BadRequestException("enabled is required");
        }
        if (!schedules().update(orgId, id, bool(b, "enabled"), null)) {
            throw new NotFoundException("no schedule " + id);
        }
        return KnowledgeViews.schedule(find(orgId, id));
    }

    /** The next debate is due now: the scheduler starts it within half a minute. */
    @POST
    @Path("{id}/run")
    public Map<String, Object> runNow(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        String orgId = org(security, KnowledgeResource.WRITE, org);
        DebateSchedule s = find(orgId, id);
        Instant now = Instant.now();
        schedules().update(orgId, id, s.enabled(), now);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("next_run", now.toString());
        out.put("enabled", s.enabled());
        return out;
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@Context SecurityContext security, @PathParam("id") String id, @QueryParam("org") String org) {
        if (!schedules().delete(org(security, KnowledgeResource.WRITE, org), id)) {
            throw new NotFoundException("no schedule " + id);
        }
        return Map.of("deleted", true, "id", id);
    }

    private DebateSchedules schedules() {
        DebateSchedules bound = schedules;
        if (bound == null) {
            throw new NotFoundException(ABSENT);
        }
        return bound;
    }

    private DebateSchedule find(String orgId, String id) {
        return schedules().find(orgId, id).orElseThrow(() -> new NotFoundException("no schedule " + id));
    }

    private String org(SecurityContext security, String permission, String requested) {
        return KnowledgeResource.orgOf(access.require(principal(security), permission), requested);
    }

    private static String topic(String topic) {
        String t = DebateSchedule.canonicalTopic(topic);
        if (t.contains(",")) {
            throw new BadRequestException("topic must be one topic, without commas");
        }
        return t;
    }

    private static List<String> agents(JsonNode b) {
        JsonNode v = b.get("agents");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new BadRequestException("agents must be an array of agent names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode a : v) {
            if (!a.isTextual()) {
                throw new BadRequestException("agents must be an array of agent names");
            }
            names.add(a.textValue());
        }
        return names;
    }

    private static boolean bool(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || !v.isBoolean()) {
            throw new BadRequestException(field + " must be true or false");
        }
        return v.booleanValue();
    }

    private static Instant instant(String text, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("first_run_at must be an ISO-8601 instant such as 2026-12-07T09:00:00Z");
        }
    }
}
