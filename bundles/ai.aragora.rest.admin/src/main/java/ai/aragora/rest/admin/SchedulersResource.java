package ai.aragora.rest.admin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import ai.aragora.api.ops.Scheduler;

/**
 * {@code GET /api/admin/schedulers/<name>/status} and {@code POST .../cleanup}: a background
 * scheduler's runs, and one run now. A run by hand is a dry run unless {@code dry_run=false}.
 */
@Component(service = SchedulersResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/admin/schedulers")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulersResource {

    private final AccessControl access;
    private final Map<String, Scheduler> schedulers = new ConcurrentHashMap<>();

    @Activate
    public SchedulersResource(@Reference AccessControl access) {
        this.access = access;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addScheduler(Scheduler scheduler, Map<String, Object> props) {
        Object name = props.get(Scheduler.NAME);
        if (name != null) {
            schedulers.put(name.toString(), scheduler);
        }
    }

    void removeScheduler(Scheduler scheduler, Map<String, Object> props) {
        Object name = props.get(Scheduler.NAME);
        if (name != null) {
            schedulers.remove(name.toString(), scheduler);
        }
    }

    @GET
    @Path("{name}/status")
    public Map<String, Object> status(@Context SecurityContext security, @PathParam("name") String name) {
        ServerAdmin.require(access, security, ServerAdmin.READ);
        return find(name).status();
    }

    @POST
    @Path("{name}/cleanup")
    public Map<String, Object> run(@Context SecurityContext security, @PathParam("name") String name,
            @QueryParam("dry_run") @DefaultValue("true") String dryRun) {
        ServerAdmin.require(access, security, ServerAdmin.OPERATE);
        boolean dry = switch (dryRun) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new jakarta.ws.rs.BadRequestException("dry_run must be true or false");
        };
        return find(name).runNow(dry);
    }

    private Scheduler find(String name) {
        Scheduler s = schedulers.get(name);
        if (s == null) {
            throw new NotFoundException("no scheduler '" + (name.matches("[a-z0-9-]{1,64}") ? name : "?") + "'; known: "
                    + String.join(", ", new java.util.TreeSet<>(schedulers.keySet())));
        }
        return s;
    }
}
