package ai.aragora.rest.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.Page;
import ai.aragora.wire.ErrorWire;

/**
 * {@code GET /api/billing/usage?days=30}: tokens and cost of the caller's org by day, agent and
 * model, summed from the finished debates' own accounting. Whoever may read the org's debates
 * may read what they cost; the server admin names an org with {@code org} or sees every org.
 */
@Component(service = BillingUsageResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/billing/usage")
@Produces(MediaType.APPLICATION_JSON)
public class BillingUsageResource {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;
    /** Debates read per request at most; beyond it the answer says it is partial. */
    static final int MAX_DEBATES = 10_000;
    private static final int PAGE = 200;

    private final AccessControl access;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DebateStore debates;

    @Activate
    public BillingUsageResource(@Reference AccessControl access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> usage(@Context SecurityContext security, @QueryParam("days") Integer days,
            @QueryParam("org") String org) {
        Principal from = security == null ? null : security.getUserPrincipal();
        AuthPrincipal principal = access.require(from, "debates.read");
        int window = days == null ? DEFAULT_DAYS : days;
        if (window < 1 || window > MAX_DAYS) {
            throw new BadRequestException("days must be from 1 to " + MAX_DAYS);
        }
        String orgId;
        if (principal.kind() == AuthPrincipal.Kind.ADMIN) {
            orgId = org == null || org.isBlank() ? null : org;
        } else if (org != null && !org.equals(principal.orgId())) {
            throw new BadRequestException("org: only your own org's usage is visible to you");
        } else {
            orgId = principal.orgId();
        }
        DebateStore store = debates;
        if (store == null) {
            throw new ServiceUnavailableException(Response.status(503).header("Retry-After", 5).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorWire.error(503, "billing usage needs a storage backend, and none is running", null)).build());
        }
        Instant since = clock.instant().minus(Duration.ofDays(window));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("org", orgId);
        doc.put("days", window);
        doc.put("since", since.toString());
        Scan scan = scan(store, orgId, since);
        doc.putAll(scan.report().wire());
        doc.put("partial", scan.partial());
        return doc;
    }

    record Scan(UsageReport report, boolean partial) {
    }

    /** Finished debates created since {@code since}, newest first, each counted on the day it completed. */
    static Scan scan(DebateStore store, String orgId, Instant since) {
        UsageReport report = new UsageReport();
        int read = 0;
        for (int offset = 0;; offset += PAGE) {
            Page<DebateRecord> page = store.list(orgId, null, offset, PAGE);
            for (DebateRecord d : page.items()) {
                if (d.createdAt().isBefore(since)) {
                    return new Scan(report, false);
                }
                if (++read > MAX_DEBATES) {
                    return new Scan(report, true);
                }
                if (d.status().isFinal()) {
                    Optional<DebateResult> result = store.result(d.id());
                    result.ifPresent(r -> report.add(r.completedAt() != null ? r.completedAt() : d.updatedAt(), r.usage()));
                }
            }
            if (page.items().size() < PAGE) {
                return new Scan(report, false);
            }
        }
    }
}
