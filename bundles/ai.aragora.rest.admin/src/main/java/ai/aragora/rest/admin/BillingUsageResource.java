package ai.aragora.rest.admin;

import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

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
import ai.aragora.api.storage.UsageStore;
import ai.aragora.wire.ErrorWire;

/**
 * {@code GET /api/billing/usage?days=30}: tokens and cost of the caller's org by day, agent and
 * model, read from the usage rows stored as debates finish (from the agents' own accounting), so
 * the answer costs the same however many debates there were. Whoever may read the org's debates
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

    private final AccessControl access;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile UsageStore usage;

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
        UsageStore store = usage;
        if (store == null) {
            throw new ServiceUnavailableException(Response.status(503).header("Retry-After", 5).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorWire.error(503, "billing usage needs a storage backend, and none is running", null)).build());
        }
        return report(store, orgId, window, clock.instant());
    }

    /** The answer for {@code orgId} (null: every org) over the {@code window} days before {@code now}'s day, and that day. */
    static Map<String, Object> report(UsageStore store, String orgId, int window, Instant now) {
        LocalDate from = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(window);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("org", orgId);
        doc.put("days", window);
        doc.put("since", from.atStartOfDay(ZoneOffset.UTC).toInstant().toString());
        UsageReport report = new UsageReport();
        store.usage(orgId, from).forEach(report::add);
        doc.putAll(report.wire());
        // Debates finished a moment ago, or stored before the rows existed, while they are being counted.
        doc.put("partial", store.uncounted() > 0);
        return doc;
    }
}
