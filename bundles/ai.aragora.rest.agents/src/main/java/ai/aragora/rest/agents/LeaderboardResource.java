package ai.aragora.rest.agents;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServiceUnavailableException;
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

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.rating.Rating;
import ai.aragora.api.rating.RatingService;

/**
 * The leaderboard at {@code /api/v1/leaderboard} and the runbook's
 * {@code /api/leaderboard/rankings}; {@link RankingsResource} answers {@code /api/v1/rankings}.
 */
@Component(service = LeaderboardResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {

    static final int MAX_LIMIT = 100;
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RatingService ratings;

    @Activate
    public LeaderboardResource(@Reference AccessControl access) {
        this.access = access;
    }

    @GET
    public Map<String, Object> leaderboard(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("domain") @DefaultValue(Rating.GENERAL) String domain) {
        access.require(security == null ? null : security.getUserPrincipal(), "agents.read");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new BadRequestException("domain must be 1-64 of a-z 0-9 . _ -");
        }
        RatingService current = ratings;
        if (current == null) {
            throw new ServiceUnavailableException("ratings are not available");
        }
        List<Map<String, Object>> rankings = current.leaderboard(domain, limit).stream().map(LeaderboardResource::entry).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rankings", rankings);
        body.put("agents", rankings);
        body.put("domain", domain);
        return body;
    }

    @GET
    @Path("rankings")
    public Map<String, Object> rankings(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("domain") @DefaultValue(Rating.GENERAL) String domain) {
        return leaderboard(security, limit, domain);
    }

    static Map<String, Object> entry(Rating r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", r.agent());
        view.put("elo", r.elo());
        view.put("wins", r.wins());
        view.put("losses", r.losses());
        view.put("draws", r.draws());
        view.put("games", r.games());
        view.put("win_rate", r.winRate());
        return view;
    }

}
