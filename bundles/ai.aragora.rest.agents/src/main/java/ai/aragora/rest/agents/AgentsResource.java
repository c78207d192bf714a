package ai.aragora.rest.agents;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingChange;
import ai.aragora.api.rating.RatingService;

/** {@code /api/v1/agents}: who can debate right now, and how they have done. */
@Component(service = AgentsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/agents")
@Produces(MediaType.APPLICATION_JSON)
public class AgentsResource {

    private final AgentDirectoryView directory;
    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RatingService ratings;

    @Activate
    public AgentsResource(@Reference AgentDirectoryView directory, @Reference AccessControl access) {
        this.directory = directory;
        this.access = access;
    }

    @GET
    public Map<String, Object> list(@Context SecurityContext security) {
        access.require(principal(security), "agents.read");
        List<Map<String, Object>> agents = new ArrayList<>();
        for (AgentInfo info : directory.current()) {
            Map<String, Object> view = AgentDirectoryView.describe(info);
            view.put("available", true);
            Rating rating = rating(info.name());
            view.put("elo", rating.elo());
            view.put("matches", rating.games());
            view.put("wins", rating.wins());
            view.put("losses", rating.losses());
            agents.add(view);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("agents", agents);
        body.put("total", agents.size());
        return body;
    }

    @GET
    @Path("{name}")
    public Map<String, Object> get(@Context SecurityContext security, @PathParam("name") String name,
            @QueryParam("history") @DefaultValue("20") int history) {
        access.require(principal(security), "agents.read");
        AgentInfo info = directory.current().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new NotFoundException("no agent " + (AgentInfo.isValidName(name) ? name : "with that name")));
        Map<String, Object> view = AgentDirectoryView.describe(info);
        view.put("available", true);
        view.put("rating", LeaderboardResource.entry(rating(info.name())));
        RatingService current = ratings;
        if (current != null) {
            Calibration calibration = current.calibration(info.name());
            Map<String, Object> cal = new LinkedHashMap<>();
            cal.put("predictions", calibration.predictions());
            cal.put("brier_score", calibration.brierScore());
            cal.put("expected_calibration_error", calibration.expectedCalibrationError());
            cal.put("trusted", calibration.isTrusted());
            view.put("calibration", cal);
            view.put("vote_weight", current.voteWeight(info.name()));
            List<Map<String, Object>> changes = new ArrayList<>();
            for (RatingChange c : current.history(info.name(), Math.max(1, Math.min(history, 200)))) {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("debate_id", c.debateId());
                change.put("domain", c.domain());
                change.put("before", c.before());
                change.put("after", c.after());
                change.put("at", c.at().toString());
                changes.add(change);
            }
            view.put("history", changes);
        }
        return view;
    }

    private Rating rating(String agent) {
        RatingService current = ratings;
        return current == null ? Rating.initial(agent, Rating.GENERAL) : current.rating(agent, Rating.GENERAL);
    }

    private static Principal principal(SecurityContext security) {
        return security == null ? null : security.getUserPrincipal();
    }
}
