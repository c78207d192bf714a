package ai.aragora.rest.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.ops.LoggedError;
import ai.aragora.api.ops.RecentErrors;

/** {@code GET /api/system/errors?limit=20}: the newest WARN and ERROR log events, with the request id that logged them. */
@Component(service = SystemErrorsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/system/errors")
@Produces(MediaType.APPLICATION_JSON)
public class SystemErrorsResource {

    static final int MAX_LIMIT = 200;

    private final AccessControl access;
    private final RecentErrors errors;

    @Activate
    public SystemErrorsResource(@Reference AccessControl access, @Reference RecentErrors errors) {
        this.access = access;
        this.errors = errors;
    }

    @GET
    public Map<String, Object> errors(@Context SecurityContext security, @QueryParam("limit") Integer limit) {
        ServerAdmin.require(access, security, ServerAdmin.READ);
        List<Map<String, Object>> list = new ArrayList<>();
        for (LoggedError e : errors.recent(ServerAdmin.limit(limit, 20, MAX_LIMIT))) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("timestamp", e.time().toString());
            m.put("level", e.level());
            m.put("logger", e.logger());
            m.put("thread", e.thread());
            m.put("message", e.message());
            m.put("trace_id", e.traceId());
            m.put("exception", e.exception());
            list.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("errors", list);
        doc.put("count", list.size());
        doc.put("total_since_start", errors.total());
        return doc;
    }
}
