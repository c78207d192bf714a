package ai.aragora.rest.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.auth.AccessControl;
import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.storage.DecisionFeedback;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;

/**
 * {@code POST /api/v1/feedback/general}: a 1-5 quality score for a decision the caller can see,
 * kept in the decision audit trail beside the decision for calibration to use.
 */
@Component(service = FeedbackResource.class)
@JakartarsResource
@JSONRequired
@Path("api{v: (/v1)?}/feedback")
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    static final int MAX_COMMENT = 5_000;
    static final int MAX_TYPE = 64;

    private final AccessControl access;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DecisionResultStore store;

    @Activate
    public FeedbackResource(@Reference AccessControl access) {
        this.access = access;
    }

    @POST
    @Path("general")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response general(@Context SecurityContext security, JsonNode body) {
        AuthPrincipal principal = access.require(DecisionsResource.principal(security), "decisions.feedback");
        Map<String, String> errors = new LinkedHashMap<>();
        if (body == null || !body.isObject()) {
            throw Problems.badFields(new DecisionBodies.BadFields(Map.of("body", "must be a JSON object")));
        }
        JsonNode score = body.get("score");
        if (score == null || !score.isIntegralNumber() || score.asInt() < DecisionFeedback.MIN_SCORE
                || score.asInt() > DecisionFeedback.MAX_SCORE) {
            errors.put("score", "must be an integer from " + DecisionFeedback.MIN_SCORE + " to " + DecisionFeedback.MAX_SCORE);
        }
        JsonNode decisionId = body.path("context").path("decision_id");
        if (!decisionId.isTextual() || decisionId.asText().isBlank()) {
            errors.put("context.decision_id", "is required: the decision the feedback is about");
        }
        JsonNode type = body.get("type");
        if (type != null && !type.isNull() && (!type.isTextual() || type.asText().length() > MAX_TYPE)) {
            errors.put("type", "must be a string of at most " + MAX_TYPE + " characters");
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && (!comment.isTextual() || comment.asText().length() > MAX_COMMENT)) {
            errors.put("comment", "must be a string of at most " + MAX_COMMENT + " characters");
        }
        if (!errors.isEmpty()) {
            throw Problems.badFields(new DecisionBodies.BadFields(errors));
        }
        DecisionResultStore current = store;
        if (current == null) {
            throw Problems.unavailable("no storage backend is running");
        }
        String id = decisionId.asText();
        DecisionResult decision = current.find(id).filter(d -> principal.canSee(d.orgId()))
                .orElseThrow(() -> new NotFoundException("no decision " + id));
        DecisionFeedback feedback = new DecisionFeedback("fb-" + UUID.randomUUID(), decision.id(), decision.orgId(),
                type == null || type.isNull() ? null : type.asText(), score.asInt(),
                comment == null || comment.isNull() ? null : comment.asText(), principal.id(), Instant.now());
        try {
            current.feedback(feedback).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Problems.unavailable("interrupted while recording the feedback");
        } catch (ExecutionException | TimeoutException e) {
            throw Problems.unavailable("the feedback could not be recorded: the store is failing or overloaded");
        }
        return Response.status(201).entity(Map.of("success", true, "feedback_id", feedback.id(), "decision_id", decision.id()))
                .build();
    }
}
