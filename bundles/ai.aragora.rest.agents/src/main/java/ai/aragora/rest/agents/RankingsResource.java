package ai.aragora.rest.agents;

import java.util.Map;

import jakarta.ws.rs.DefaultValue;
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

import ai.aragora.api.rating.Rating;

/** {@code /api/v1/rankings}: the leaderboard under the name the SDK uses. */
@Component(service = RankingsResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/rankings")
@Produces(MediaType.APPLICATION_JSON)
public class RankingsResource {

    private final LeaderboardResource leaderboard;

    @Activate
    public RankingsResource(@Reference LeaderboardResource leaderboard) {
        this.leaderboard = leaderboard;
    }

    @GET
    public Map<String, Object> rankings(@Context SecurityContext security, @QueryParam("limit") @DefaultValue("20") int limit,
            @QueryParam("domain") @DefaultValue(Rating.GENERAL) String domain) {
        return leaderboard.leaderboard(security, limit, domain);
    }
}
