package ai.aragora.rest.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.auth.PermissionDeniedException;
import ai.aragora.api.knowledge.DebateSchedule;
import ai.aragora.storage.jdbc.MapDebateSchedules;

class PulseScheduleResourceTest {

    private static final SecurityContext SCHEDULER = KnowledgeResourceTest.as(new AuthPrincipal("u1", "acme", AuthPrincipal.Kind.USER,
            "admin", Set.of("knowledge.*", "debates.create")));
    private static final SecurityContext GLOBEX = KnowledgeResourceTest.as(new AuthPrincipal("u9", "globex", AuthPrincipal.Kind.USER,
            "admin", Set.of("knowledge.*", "debates.create")));

    private final MapDebateSchedules schedules = new MapDebateSchedules();
    private final PulseScheduleResource resource = new PulseScheduleResource(schedules, new KnowledgeResourceTest.Grants());
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode body(String text) throws Exception {
        return json.readTree(text);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> created(String text) throws Exception {
        Response r = resource.create(SCHEDULER, body(text), null);
        assertThat(r.getStatus()).isEqualTo(201);
        return (Map<String, Object>) r.getEntity();
    }

    @Test
    void aScheduleIsCreatedListedPausedRunNowAndDeletedWithinItsOrg() throws Exception {
        Map<String, Object> made = created("""
                {"topic": " Edge  Caching ", "task": "Which CDN should we use?", "interval_minutes": 1440,
                 "agents": ["demo-supportive", "demo-critical"], "rounds": 2, "first_run_at": "2026-12-07T09:00:00Z"}""");
        String id = (String) made.get("id");
        assertThat(made).containsEntry("topic", "edge caching").containsEntry("org_id", "acme").containsEntry("interval_minutes", 1440L)
                .containsEntry("agents", List.of("demo-supportive", "demo-critical")).containsEntry("rounds", 2)
                .containsEntry("next_run", "2026-12-07T09:00:00Z").containsEntry("enabled", true).containsEntry("runs", 0)
                .containsEntry("created_by", "u1");
        assertThat(schedules.find("acme", id).orElseThrow().spec().orgId()).isEqualTo("acme");

        assertThat(resource.list(SCHEDULER, null)).containsEntry("total", 1);
        assertThat(resource.list(GLOBEX, null)).containsEntry("total", 0);
        assertThatThrownBy(() -> resource.get(GLOBEX, id, null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> resource.delete(GLOBEX, id, null)).isInstanceOf(NotFoundException.class);

        assertThat(resource.update(SCHEDULER, id, body("{\"enabled\": false}"), null)).containsEntry("enabled", false);
        Instant before = Instant.now();
        assertThat(resource.runNow(SCHEDULER, id, null)).containsEntry("id", id).containsEntry("enabled", false);
        assertThat(schedules.find("acme", id).orElseThrow().nextRun()).isBetween(before, Instant.now());

        assertThat(resource.delete(SCHEDULER, id, null)).containsEntry("deleted", true);
        assertThatThrownBy(() -> resource.get(SCHEDULER, id, null)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void badSchedulesAreA400NamingTheFieldAndCreatingOneNeedsTheRightToStartDebates() {
        assertThatThrownBy(() -> created("{\"topic\": \"cdn\", \"task\": \"Which CDN?\"}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("interval_minutes is required");
        assertThatThrownBy(() -> created("{\"topic\": \"cdn\", \"task\": \"Which CDN?\", \"interval_minutes\": 1}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("between 5 minutes");
        assertThatThrownBy(() -> created("{\"task\": \"Which CDN?\", \"interval_minutes\": 60}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("topic is required");
        assertThatThrownBy(() -> created("{\"topic\": \"a, b\", \"task\": \"Which CDN?\", \"interval_minutes\": 60}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("one topic");
        assertThatThrownBy(() -> created("{\"topic\": \"cdn\", \"task\": \"Which CDN?\", \"interval_minutes\": 60, \"agents\": [\"solo\"]}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("agents");
        assertThatThrownBy(() -> created("{\"topic\": \"cdn\", \"task\": \"Which CDN?\", \"interval_minutes\": 60, \"first_run_at\": \"tomorrow\"}"))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("first_run_at");
        assertThat(schedules.byId).isEmpty();

        SecurityContext writerOnly = KnowledgeResourceTest.as(new AuthPrincipal("u2", "acme", AuthPrincipal.Kind.USER, "analyst",
                Set.of("knowledge.*")));
        assertThatThrownBy(() -> resource.create(writerOnly, body("{\"topic\": \"cdn\", \"task\": \"Which CDN?\", \"interval_minutes\": 60}"),
                null)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> new PulseScheduleResource(null, new KnowledgeResourceTest.Grants()).list(SCHEDULER, null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("feature knowledge");
    }
}
