package ai.aragora.rest.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.resilience.BreakerSnapshot;
import ai.aragora.api.resilience.BreakerState;
import ai.aragora.api.resilience.Resilience;

/**
 * {@code GET /api/circuit-breakers} and its aliases: every agent's breaker and a summary. Without
 * the resilience bundle (a server without the providers feature) there are no breakers, and the
 * route says so rather than keeping the API from becoming ready.
 */
@Component(service = CircuitBreakerResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}{scope: (/system)?}/circuit-breakers")
@Produces(MediaType.APPLICATION_JSON)
public class CircuitBreakerResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Resilience resilience;

    @GET
    public Map<String, Object> breakers() {
        Resilience current = resilience;
        return report(current == null ? List.of() : current.breakers(Resilience.AGENTS));
    }

    static Map<String, Object> report(List<BreakerSnapshot> snapshots) {
        Map<String, Object> breakers = new LinkedHashMap<>();
        int open = 0;
        int halfOpen = 0;
        for (BreakerSnapshot s : snapshots) {
            breakers.put(s.name(), s.wire());
            open += s.state() == BreakerState.OPEN ? 1 : 0;
            halfOpen += s.state() == BreakerState.HALF_OPEN ? 1 : 0;
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("total", snapshots.size());
        summary.put("closed", snapshots.size() - open - halfOpen);
        summary.put("open", open);
        summary.put("half_open", halfOpen);
        summary.put("healthy", open == 0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("circuit_breakers", breakers);
        body.put("summary", summary);
        return body;
    }
}
