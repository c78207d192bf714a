package ai.aragora.rest.debates;

import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.OrgScope;
import ai.aragora.api.cluster.SharedCounters;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.api.ops.RateLimit;
import ai.aragora.api.ops.RateLimits;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.wire.DebateWire;

/**
 * Debates over HTTP. Creating one returns at once; the debate runs in the engine. Every debate
 * belongs to its creator's org, and a debate of another org does not exist for the caller (404).
 */
@Component(service = {DebatesResource.class, RateLimits.class}, configurationPid = DebatesConfig.PID)
@Designate(ocd = DebatesConfig.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/debates")
@Produces(MediaType.APPLICATION_JSON)
public class DebatesResource implements RateLimits {

    static final int MAX_LIST = 100;
    static final int MAX_MESSAGES = 200;
    static final int MAX_EVENTS = 1000;
    private static final Duration STORE_WAIT = Duration.ofSeconds(30);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final AccessControl access;
    private volatile CreationLimiter limiter;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DebateService engine;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DebateStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile OutboundPolicy outbound;

    /** Present with a cluster broker: the creation limit is then charged across instances. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile SharedCounters counters;

    @Activate
    public DebatesResource(DebatesConfig config, @Reference AccessControl access) {
        this.access = access;
        modified(config);
    }

    @Modified
    void modified(DebatesConfig config) {
        this.limiter = new CreationLimiter(config.create_per_minute(), config.create_burst());
    }

    @Override
    public List<RateLimit> rateLimits() {
        return List.of(limiter.status(System.nanoTime(), counters != null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, JsonNode body) {
        AuthPrincipal principal = access.require(principal(security), "debates.create");
        long wait = limiter.acquire(principal.id(), System.nanoTime(), counters);
        if (wait > 0) {
            throw new ClientErrorException(Response.status(429).header("Retry-After", wait)
                    .entity(error("too many debates created: retry in " + wait + " s", "rate_limited")).build());
        }
        DebateSpec spec;
        try {
            spec = DebateRequests.parse(body, principal.orgId(), principal.id(), outbound);
        } catch (ValidationException e) {
            Map<String, Object> entity = error(e.getMessage(), "validation_error");
            entity.put("errors", e.errors().stream().map(f -> Map.of("field", f.field(), "message", f.message())).toList());
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build());
        }
        DebateService current = engine();
        DebateHandle handle;
        try {
            handle = current.start(spec);
        } catch (IllegalArgumentException e) {
            Map<String, Object> entity = error(e.getMessage(), "unknown_agent");
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build());
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException(Response.status(503).header("Retry-After", 5)
                    .type(MediaType.APPLICATION_JSON_TYPE).entity(error(e.getMessage(), "unavailable")).build());
        }
        awaitStored(handle, STORE_WAIT);
        return Response.status(201).entity(DebateViews.created(handle)).build();
    }

    /** A 201 promises the debate can be read back at once, and survives a crash from then on. */
    static void awaitStored(DebateHandle handle, Duration within) {
        try {
            handle.stored().toCompletableFuture().get(within.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while storing debate " + handle.id());
        } catch (ExecutionException | TimeoutException e) {
            throw unavailable("debate " + handle.id() + " could not be stored: the store is failing or overloaded");
        }
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("offset") @DefaultValue("0") int offset, @QueryParam("status") String status,
            @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), "debates.read");
        if (limit < 1 || limit > MAX_LIST) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIST + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        DebateStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = DebateStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        OrgScope scope = OrgScope.of(principal, org);
        Page<DebateRecord> page = scope.none() ? new Page<>(List.of(), 0, offset, limit)
                : store().list(scope.orgId(), filter, offset, limit);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("debates", page.items().stream().map(DebateWire::summary).toList());
        view.put("total", page.total());
        view.put("limit", limit);
        view.put("offset", offset);
        return view;
    }

    /**
     * {@code GET /api/debates/export?format=json|csv&status=&since=&until=}: the caller's org's
     * whole history (the server admin's: every org, or {@code org}), streamed.
     */
    @GET
    @Path("export")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response exportHistory(@Context SecurityContext security, @QueryParam("format") @DefaultValue("json") String format,
            @QueryParam("status") String status, @QueryParam("since") String since, @QueryParam("until") String until,
            @QueryParam("org") String org) {
        AuthPrincipal principal = access.require(principal(security), "debates.export");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new BadRequestException("format must be json or csv, got '" + (format.length() > 20 ? format.substring(0, 20) : format) + "'");
        }
        DebateStatus filter = null;
        if (status != null && !status.isBlank()) {
            try {
                filter = DebateStatus.parse(status);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException(e.getMessage());
            }
        }
        OrgScope scope = OrgScope.of(principal, org);
        if (scope.none()) {
            throw new NotFoundException("no such org");
        }
        boolean csv = format.equals("csv");
        String stamp = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        return Response.ok(new HistoryExport(store(), scope.orgId(), filter, instant("since", since), instant("until", until), csv))
                .type(csv ? "text/csv; charset=utf-8" : MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"debates-" + stamp + (csv ? ".csv" : ".json") + "\"")
                .build();
    }

    private static java.time.Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException(name + " must be an ISO-8601 time such as 2026-01-31T00:00:00Z");
        }
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("id") String id) {
        DebateRecord debate = visible(security, id, "debates.read");
        Optional<DebateResult> result = debate.status().isFinal() ? store().result(debate.id()) : Optional.empty();
        return result.map(r -> DebateWire.result(r, true)).orElseGet(() -> DebateWire.inProgress(debate));
    }

    @GET
    @Path("{id}/messages")
    public Map<String, Object> messages(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("50") int limit, @QueryParam("offset") @DefaultValue("0") int offset) {
        DebateRecord debate = visible(security, id, "debates.read");
        if (limit < 1 || limit > MAX_MESSAGES) {
            throw new BadRequestException("limit must be between 1 and " + MAX_MESSAGES + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
        return DebateViews.messages(debate.id(), store().messages(debate.id(), offset, limit));
    }

    @GET
    @Path("{id}/events")
    public Map<String, Object> events(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("since") @DefaultValue("0") long since, @QueryParam("limit") @DefaultValue("100") int limit) {
        DebateRecord debate = visible(security, id, "debates.read");
        if (limit < 1 || limit > MAX_EVENTS) {
            throw new BadRequestException("limit must be between 1 and " + MAX_EVENTS + ", got " + limit);
        }
        if (since < 0) {
            throw new BadRequestException("since must not be negative, got " + since);
        }
        return DebateWire.events(store().events(debate.id(), since, limit), since);
    }

    @POST
    @Path("{id}/cancel")
    public Map<String, Object> cancel(@Context SecurityContext security, @PathParam("id") String id) {
        DebateRecord debate = visible(security, id, "debates.cancel");
        if (debate.status().isFinal() || !engine().cancel(debate.id())) {
            throw conflict("debate " + debate.id() + " is not running (status " + debate.status().wire() + ")");
        }
        return Map.of("cancelled", true, "id", debate.id());
    }

    @DELETE
    @Path("{id}")
    public Map<String, Object> delete(@Context SecurityContext security, @PathParam("id") String id) {
        DebateRecord debate = visible(security, id, "debates.delete");
        DebateService current = engine;
        if (current != null && current.running(debate.id()).isPresent()) {
            throw conflict("debate " + debate.id() + " is running: cancel it first");
        }
        if (!store().delete(debate.id())) {
            throw new NotFoundException("no debate " + debate.id());
        }
        return Map.of("deleted", true, "id", debate.id());
    }

    @GET
    @Path("{id}/export/{format}")
    public Response export(@Context SecurityContext security, @PathParam("id") String id, @PathParam("format") String format) {
        DebateRecord debate = visible(security, id, "debates.read");
        DebateExports.Format chosen = DebateExports.Format.parse(format)
                .orElseThrow(() -> new BadRequestException("format must be one of json, csv, md, html, txt (got '" + clip(format) + "')"));
        DebateResult result = store().result(debate.id())
                .orElseThrow(() -> conflict("debate " + debate.id() + " has no result yet (status " + debate.status().wire() + ")"));
        return Response.ok(DebateExports.render(result, chosen), chosen.contentType)
                .header("Content-Disposition", "attachment; filename=\"" + debate.id() + "." + chosen.extension() + "\"").build();
    }

    /** The SDK's spelling: {@code /export?format=}. */
    @GET
    @Path("{id}/export")
    public Response exportByQuery(@Context SecurityContext security, @PathParam("id") String id,
            @QueryParam("format") @DefaultValue("json") String format) {
        return export(security, id, format);
    }

    private DebateRecord visible(SecurityContext security, String id, String permission) {
        AuthPrincipal principal = access.require(principal(security), permission);
        if (!ID.matcher(id).matches()) {
            throw new NotFoundException("no debate " + clip(id));
        }
        DebateRecord debate = store().find(id).orElseThrow(() -> new NotFoundException("no debate " + id));
        if (!principal.canSee(debate.orgId())) {
            throw new NotFoundException("no debate " + id);
        }
        return debate;
    }

    private DebateService engine() {
        DebateService current = engine;
        if (current == null) {
            throw unavailable("the debate engine is not running");
        }
        return current;
    }

    private DebateStore store() {
        DebateStore current = store;
        if (current == null) {
            throw unavailable("no storage backend is running");
        }
        return current;
    }

    private static ServiceUnavailableException unavailable(String message) {
        return new ServiceUnavailableException(Response.status(503).header("Retry-After", 5)
                .type(MediaType.APPLICATION_JSON_TYPE).entity(error(message, "unavailable")).build());
    }

    private static ClientErrorException conflict(String message) {
        return new ClientErrorException(Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error(message, "conflict")).build());
    }

    private static Map<String, Object> error(String message, String code) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("error", message);
        entity.put("code", code);
        return entity;
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
