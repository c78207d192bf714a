package ai.aragora.rest.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
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
import ai.aragora.api.ops.RateLimit;
import ai.aragora.api.ops.RateLimits;

/** {@code GET /api/system/rate-limits}: every limiter a loaded bundle registers, its limit and current use. */
@Component(service = RateLimitsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/system/rate-limits")
@Produces(MediaType.APPLICATION_JSON)
public class RateLimitsResource {

    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private final List<RateLimits> sources = new CopyOnWriteArrayList<>();

    @Activate
    public RateLimitsResource(@Reference AccessControl access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> limits(@Context SecurityContext security) {
        ServerAdmin.require(access, security, ServerAdmin.READ);
        List<RateLimit> all = new ArrayList<>();
        sources.forEach(s -> all.addAll(s.rateLimits()));
        all.sort(Comparator.comparing(RateLimit::name));
        List<Map<String, Object>> out = new ArrayList<>();
        for (RateLimit r : all) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("scope", r.scope());
            m.put("per_minute", r.perMinute());
            m.put("burst", r.burst());
            m.put("tracked_keys", r.trackedKeys());
            m.put("limited_keys", r.limitedKeys());
            m.put("rejected_total", r.rejected());
            m.put("shared", r.shared());
            out.add(m);
        }
        return Map.of("rate_limits", out);
    }
}
