package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventType;
import ai.aragora.api.knowledge.DebateSchedules;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.storage.DebateStore;

/**
 * The Knowledge Mound in the framework on SQLite with the demo agents: a decided debate teaches
 * the adapters, the next debate of the org on the question starts from it (and one of another org
 * does not), the health report lists every adapter, and removing an adapter's bundle leaves its
 * nodes and marks it inactive.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KnowledgeMoundIT extends AragoraTestSupport {

    private static final String TASK = "Should we adopt exponential backoff with jitter for the payment webhooks?";

    @Inject
    private DebateService engine;

    @Inject
    private KnowledgeMound mound;

    @Inject
    private DebateStore debates;

    @Inject
    private DebateSchedules schedules;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "knowledge", "demo");
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(60), () -> status("/readyz") == 200);
    }

    private DebateResult debate(String org, String task) throws Exception {
        return debate(engine, org, task);
    }

    @Test
    public void aDebateStartsFromWhatItsOrgsEarlierDebateConcludedAndNoOtherOrgsDoes() throws Exception {
        DebateResult first = debate("acme", TASK);
        assertThat(first.priorKnowledge()).isEmpty();
        await("the adapters to learn from the first debate", Duration.ofSeconds(60),
                () -> mound.nodes("acme", null, NodeKind.CONSENSUS, 0, 10).total() == 1);
        assertThat(mound.nodes("acme", null, NodeKind.CONSENSUS, 0, 10).items().get(0).provenance().get(0).debateId())
                .isEqualTo(first.id());

        DebateResult second = debate("acme", "Exponential backoff with jitter for payment webhooks: yes or no?");
        DebateResult other = debate("globex", TASK);

        assertThat(second.priorKnowledge()).isNotEmpty();
        List<DebateEvent> events = debates.events(second.id(), 0, 100);
        assertThat(events).extracting(DebateEvent::type).contains(EventType.KNOWLEDGE_INJECTED);
        assertThat(other.priorKnowledge()).isEmpty();
        assertThat(debates.events(other.id(), 0, 100)).extracting(DebateEvent::type).doesNotContain(EventType.KNOWLEDGE_INJECTED);
        assertThat(Path.of(launched().dataDir()).resolve("knowledge_mound.db")).exists();
        assertThat(get("/api/metrics", adminToken()).body()).contains("aragora_km_cross_debate_reuse_total ")
                .doesNotContain("aragora_km_cross_debate_reuse_total 0.0");
    }

    @Test
    public void aDebateScheduledOnATopicStartsWhenDueWithItsTopicAndTheAgePassIsReported() throws Exception {
        String token = adminToken();
        HttpResponse<String> created = post("/api/v1/pulse/schedules?org=wayne", "{\"topic\": \"Edge caching\", \"task\": \"Which CDN should"
                + " we use for the storefront?\", \"interval_minutes\": 1440, \"rounds\": 1}", token);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":\"(ps-[^\"]+)\".*", "$1");
        assertThat(post("/api/v1/pulse/schedules?org=wayne", "{\"topic\": \"cdn\", \"task\": \"Which CDN?\"}", token).body())
                .contains("interval_minutes is required");

        await("the scheduled debate to start", Duration.ofSeconds(60),
                () -> schedules.find("wayne", id).map(s -> s.runs() == 1).orElse(false));
        String schedule = get("/api/v1/pulse/schedules/" + id + "?org=wayne", token).body();
        String debateId = schedule.replaceAll(".*\"last_debate_id\":\"([^\"]+)\".*", "$1");
        DebateSpec spec = debates.find(debateId).orElseThrow().spec();
        assertThat(spec.orgId()).isEqualTo("wayne");
        assertThat(spec.metadata()).containsEntry("topics", "edge caching").containsEntry("pulse_schedule", id);
        assertThat(get("/api/v1/pulse/schedules?org=wayne", token).body()).contains("\"total\":1", "\"next_run\"");

        HttpResponse<String> decay = get("/api/v1/health/decay", token);
        assertThat(decay.statusCode()).isEqualTo(200);
        assertThat(decay.body()).contains("\"status\":\"healthy\"", "\"retention_days\"", "\"glacial\":365", "\"next_run\"");
    }

    @Test
    public void theHealthReportListsEveryAdapterAndARemovedOneStaysListedInactive() throws Exception {
        String health = get("/api/health/knowledge-mound", adminToken()).body();
        assertThat(health).contains("\"summary\"", "\"total_components\"", "adapter:consensus", "adapter:critique", "adapter:belief",
                "adapter:elo", "adapter:evidence", "adapter:insights", "adapter:ranking", "adapter:cost", "adapter:control_plane", "adapter:culture", "adapter:pulse", "adapter:continuum", "upkeep", "search is lexical only");

        debate("initech", "Should the critique adapter learn before it is removed?");
        await("a first pass of every adapter", Duration.ofSeconds(60), () -> mound.health().components().get("adapter:critique")
                .detail().startsWith("synced"));
        Bundle critique = bundle("ai.aragora.knowledge.adapter.critique");
        critique.stop();
        try {
            assertThat(mound.health().components().get("adapter:critique").active()).isFalse();
            assertThat(get("/api/health/knowledge-mound", adminToken()).body()).contains("bundle not installed");
        } finally {
            critique.start();
        }
    }

    @Test
    public void anOrgsKnowledgeExportsAsJsonGraphMlAndD3AndAnImportIsAllOrNothing() throws Exception {
        String token = adminToken();
        assertThat(post("/api/knowledge/mound/nodes?org=umbrella", "{\"content\":\"Export <me> & keep me\",\"node_type\":\"fact\"}", token)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> json = get("/api/knowledge/export?org=umbrella", token);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.body()).contains("\"format\":\"aragora.knowledge_mound\"", "Export <me> & keep me");
        HttpResponse<String> graphMl = get("/api/v1/knowledge/export?org=umbrella&format=graphml", token);
        assertThat(graphMl.statusCode()).isEqualTo(200);
        assertThat(graphMl.headers().firstValue("content-type").orElse("")).startsWith("application/graphml+xml");
        assertThat(graphMl.body()).startsWith("<?xml").contains("Export &lt;me&gt; &amp; keep me");
        assertThat(get("/api/knowledge/export?org=umbrella&format=d3", token).body()).contains("\"links\":[]");
        assertThat(get("/api/knowledge/export?format=csv", token).statusCode()).isEqualTo(400);

        HttpResponse<String> crossOrg = post("/api/knowledge/import?org=hooli", json.body(), token);
        assertThat(crossOrg.statusCode()).isEqualTo(400);
        assertThat(crossOrg.body()).contains("\"code\"", "nothing was stored", "knowledge never crosses orgs");
        HttpResponse<String> truncated = post("/api/knowledge/import?org=umbrella", json.body().substring(0, json.body().length() / 2), token);
        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(truncated.body()).contains("truncated");
        assertThat(mound.nodes("hooli", null, null, 0, 10).total()).isZero();
        HttpResponse<String> again = post("/api/knowledge/import?org=umbrella", json.body(), token);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"new_nodes\":0");
        assertThat(get("/api/knowledge/import", token).statusCode()).isEqualTo(405);
        // Past the 1 MiB of other requests: the import's own limit lets it be read, and refused for what it is.
        HttpResponse<String> garbage = post("/api/knowledge/import?org=umbrella", "x".repeat(2 << 20), token);
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(garbage.body()).contains("not valid JSON");
        // 2 MiB: the server reads the refused body to its end before answering, so the client reads the 413
        assertThat(post("/api/knowledge/mound/nodes?org=umbrella", "{\"content\":\"" + "y".repeat(2 << 20) + "\"}", token)
                .statusCode()).as("other routes keep their 1 MiB").isEqualTo(413);
        assertThat(get("/api/knowledge/adapters", token).body()).contains("\"control_plane\"", "\"culture\"");
        assertThat(get("/api/knowledge/adapters/control_plane/query?q=general", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/knowledge/adapters", token).body()).contains("\"pulse\"", "\"continuum\"");
        assertThat(get("/api/knowledge/adapters/pulse/query?q=week", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/knowledge/adapters/continuum/query?q=export", token).statusCode()).isEqualTo(200);
        assertThat(get("/api/knowledge/adapters/no_such_adapter/query?q=x", token).statusCode()).isEqualTo(404);

        // Asked twice, answered once: the second from the search cache.
        assertThat(get("/api/v1/knowledge/search?q=export%20keep&org=umbrella", token).body()).contains("Export <me> & keep me");
        assertThat(get("/api/v1/knowledge/search?q=export%20keep&org=umbrella", token).body()).contains("Export <me> & keep me");
        assertThat(get("/api/metrics", adminToken()).body()).contains("aragora_km_cache_hits_total ", "aragora_km_cache_misses_total ")
                .doesNotContain("aragora_km_cache_hits_total 0.0");
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError(symbolicName + " is not installed");
    }
}
