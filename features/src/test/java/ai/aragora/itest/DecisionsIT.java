package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;

import ai.aragora.api.webhook.Callbacks;
import ai.aragora.launcher.spi.Command;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;

/**
 * The decision router over HTTP on SQLite with the demo agents: a decision answered at once and
 * decided in the engine with a signed receipt, its explanation, the cache in the path with its
 * invalidations, a quick decision, bad input named by field, callbacks with and without the
 * outbound services, cancel and retry, feedback, and org isolation.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DecisionsIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo", "providers");
    }

    @Override
    protected Map<String, String> environment() {
        // long enough to cancel a decision while it runs, short enough for the suite
        return Map.of("ARAGORA_DEMO_LATENCY_MS", "150");
    }

    @Before
    public void ready() throws Exception {
        await("the API", WAIT, () -> status("/readyz") == 200 && status("/api/v1/auth/me") == 401);
    }

    private String submit(Account who, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/decisions", body, who.accessToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return text(r.body(), "decision_id");
    }

    private String ended(Account who, String id) throws Exception {
        await("decision " + id + " to end", WAIT, () -> {
            try {
                String status = text(get("/api/v1/decisions/" + id + "/status", who.accessToken()).body(), "status");
                return !status.equals("pending") && !status.equals("processing");
            } catch (Exception e) {
                return false;
            }
        });
        return get("/api/v1/decisions/" + id, who.accessToken()).body();
    }

    @Test
    public void aDecisionIsAnsweredAtOnceDecidedWithASignedReceiptAndExplained() throws Exception {
        Account ada = register("ada");
        HttpResponse<String> created = post("/api/v1/decisions",
                "{\"input\":\"Should we adopt exponential backoff with jitter?\",\"priority\":\"high\",\"config\":{\"rounds\":2}}",
                ada.accessToken());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"status\":\"pending\"", "\"decision_type\":\"debate\"", "\"priority\":\"high\"",
                "\"cached\":false");
        String id = text(created.body(), "decision_id");

        String done = ended(ada, id);
        assertThat(done).contains("\"status\":\"completed\"", "\"success\":true", "\"answer\":\"", "\"input_digest\":\"dk-");
        String receipt = text(done, "receipt_id");
        HttpResponse<String> signed = get("/api/v2/receipts/" + receipt, ada.accessToken());
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.body()).contains("signature");

        HttpResponse<String> explained = get("/api/v1/decisions/" + id + "/explain", ada.accessToken());
        assertThat(explained.statusCode()).isEqualTo(200);
        assertThat(explained.body()).contains("\"narrative\":\"", "\"votes\":[", "\"baseline\":{\"winner\"", "\"cruxes\":",
                "\"critiques_that_moved_positions\":", "\"knowledge_used\":[]");

        HttpResponse<String> list = get("/api/v1/decisions?status=completed&decision_type=debate", ada.accessToken());
        assertThat(list.body()).contains(id, "\"total\":1");

        Account bob = register("bob");
        assertThat(get("/api/v1/decisions/" + id, bob.accessToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/decisions/" + id + "/explain", bob.accessToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/decisions", bob.accessToken()).body()).contains("\"total\":0");
        assertThat(get("/api/v1/decisions", null).statusCode()).isEqualTo(401);
    }

    @Test
    public void anIdenticalDecisionComesFromTheCacheUntilItsWorkspaceIsInvalidated() throws Exception {
        Account cy = register("cy");
        String body = "{\"input\":\"Is a canary release worth it for a config change?\",\"config\":{\"seed\":3}}";
        String first = submit(cy, body);
        String firstDone = ended(cy, first);

        HttpResponse<String> again = post("/api/v1/decisions",
                "{\"input\":\"  Is a canary release worth it   for a config change? \",\"config\":{\"seed\":3}}", cy.accessToken());
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).contains("\"status\":\"completed\"", "\"cached\":true", "\"cached_from\":\"" + first + "\"",
                "\"receipt_id\":\"" + text(firstDone, "receipt_id") + "\"");
        assertThat(get("/api/metrics").body()).containsPattern("aragora_decision_cache_hits_total [1-9]");

        String refused = text(post("/api/v1/decisions", body.replace("}}", "},\"use_cache\":false}"), cy.accessToken()).body(),
                "decision_id");
        assertThat(get("/api/v1/decisions/" + refused, cy.accessToken()).body()).contains("\"cached\":false");

        assertThat(post("/api/v1/cache/invalidate/workspace/" + cy.orgId(), null, adminToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> afterInvalidation = post("/api/v1/decisions", body, cy.accessToken());
        assertThat(afterInvalidation.body()).contains("\"cached\":false", "\"status\":\"pending\"");
    }

    @Test
    public void aQuickDecisionIsOneAgentsSignedAnswer() throws Exception {
        Account dee = register("dee");
        String id = submit(dee, "{\"input\":\"Name one risk of a Friday deploy.\",\"decision_type\":\"quick\","
                + "\"config\":{\"agents\":[\"demo-critical\"]}}");
        String done = ended(dee, id);
        assertThat(done).contains("\"status\":\"completed\"", "\"decision_type\":\"quick\"", "\"agents\":[\"demo-critical\"]",
                "\"consensus_reached\":false");
        assertThat(get("/api/v2/receipts/" + text(done, "receipt_id"), dee.accessToken()).statusCode()).isEqualTo(200);
    }

    @Test
    public void aGauntletIsTheDebateWithTheContrariansAttackBeforeTheFinalVote() throws Exception {
        Account kim = register("kim");
        String id = submit(kim, "{\"input\":\"Move the database to another region?\",\"decision_type\":\"gauntlet\","
                + "\"config\":{\"rounds\":2}}");
        String done = ended(kim, id);
        assertThat(done).contains("\"status\":\"completed\"", "\"decision_type\":\"gauntlet\"");
        String debate = get("/api/v1/debates/" + text(done, "debate_id") + "/messages?limit=200", kim.accessToken()).body();
        assertThat(debate).contains("\"role\":\"contrarian\"", "\"agent\":\"demo-balanced\"");
    }

    @Test
    public void aRecordedDecisionReplaysToTheSameResultWithItsSeed() throws Exception {
        Account lou = register("lou");
        String id = submit(lou, "{\"input\":\"Batch the nightly jobs?\",\"use_cache\":false,\"config\":{\"seed\":21,\"rounds\":2}}");
        ended(lou, id);
        Command replay = context.getService(context.getServiceReferences(Command.class, "(" + Command.NAME + "=decisions)")
                .iterator().next());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = replay.run(List.of("replay", id, "--json"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"decision_id\":\"" + id + "\"", "\"same\":true",
                "\"differences\":[]");
    }

    @Test
    public void badInputIsRefusedNamingTheField() throws Exception {
        Account eve = register("eve");
        for (String[] c : new String[][] {
                {"{\"input\":\"x\",\"decision_type\":\"oracle\"}", "decision_type"},
                {"{\"input\":\"x\",\"priority\":\"asap\"}", "priority"},
                {"{\"input\":\"\"}", "input"},
                {"{\"input\":\"" + "x".repeat(100 * 1024) + "\"}", "input"},
                {"{\"input\":\"x\",\"config\":{\"agents\":[\"nobody\",\"demo-critical\"]}}", "config.agents"}}) {
            HttpResponse<String> r = post("/api/v1/decisions", c[0], eve.accessToken());
            assertThat(r.statusCode()).as(c[1]).isEqualTo(400);
            assertThat(r.body()).as(c[1]).contains("\"field\":\"" + c[1] + "\"", "\"code\":\"validation_error\"");
        }
        assertThat(get("/api/v1/decisions", eve.accessToken()).body()).contains("\"total\":0");
    }

    @Test
    public void aCallbackIsRefusedWithoutTheOutboundServicesCheckedByThemAndDeliveredAtTheEnd() throws Exception {
        Account fay = register("fay");
        String body = "{\"input\":\"Roll back now?\",\"callback_url\":\"https://hooks.example.test/decided\"}";
        HttpResponse<String> unavailable = post("/api/v1/decisions", body, fay.accessToken());
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(unavailable.body()).contains("callbacks are unavailable");

        List<Map<String, Object>> delivered = new CopyOnWriteArrayList<>();
        TestOutbound outbound = new TestOutbound(delivered);
        ServiceRegistration<OutboundPolicy> policy = context.registerService(OutboundPolicy.class, outbound, null);
        ServiceRegistration<Callbacks> callbacks = context.registerService(Callbacks.class, outbound, null);
        try {
            HttpResponse<String> refused = post("/api/v1/decisions",
                    "{\"input\":\"Roll back now?\",\"callback_url\":\"http://169.254.169.254/latest\"}", fay.accessToken());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"callback_url\"", "private address");

            String id = submit(fay, body);
            ended(fay, id);
            await("the callback", WAIT, () -> !delivered.isEmpty());
            assertThat(delivered.get(0)).containsEntry("decision_id", id).containsEntry("event", "decision.completed")
                    .containsEntry("org", fay.orgId());
        } finally {
            policy.unregister();
            callbacks.unregister();
        }
    }

    @Test
    public void onlyAnUnfinishedDecisionIsCancelledAndOnlyAnUncompletedOneIsRetried() throws Exception {
        Account gus = register("gus");
        String id = submit(gus, "{\"input\":\"Split the monolith?\",\"config\":{\"seed\":11}}");
        ended(gus, id);
        HttpResponse<String> cancelDone = post("/api/v1/decisions/" + id + "/cancel", "{\"reason\":\"late\"}", gus.accessToken());
        assertThat(cancelDone.statusCode()).isEqualTo(409);
        HttpResponse<String> retryDone = post("/api/v1/decisions/" + id + "/retry", null, gus.accessToken());
        assertThat(retryDone.statusCode()).isEqualTo(409);
        assertThat(retryDone.body()).contains("is completed");

        String slow = submit(gus, "{\"input\":\"Adopt a four-day week?\",\"use_cache\":false,\"config\":{\"rounds\":12}}");
        HttpResponse<String> cancelled = post("/api/v1/decisions/" + slow + "/cancel", "{\"reason\":\"no longer needed\"}",
                gus.accessToken());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"cancelled\"", "\"cancelled_at\"", "no longer needed");

        HttpResponse<String> retried = post("/api/v1/decisions/" + slow + "/retry", null, gus.accessToken());
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.body()).contains("\"retried_from\":\"" + slow + "\"");
        assertThat(post("/api/v1/decisions/" + slow + "/retry", null, register("hal").accessToken()).statusCode())
                .isEqualTo(404);
    }

    @Test
    public void feedbackScoresADecisionTheCallerCanSee() throws Exception {
        Account ivy = register("ivy");
        String id = submit(ivy, "{\"input\":\"Keep the on-call rotation weekly?\"}");
        HttpResponse<String> ok = post("/api/v1/feedback/general",
                "{\"type\":\"debate_quality\",\"score\":4,\"context\":{\"decision_id\":\"" + id + "\"},\"comment\":\"clear\"}",
                ivy.accessToken());
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.body()).contains("\"success\":true", "\"feedback_id\":\"fb-");

        HttpResponse<String> bad = post("/api/v1/feedback/general", "{\"score\":7,\"context\":{}}", ivy.accessToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"score\"", "\"field\":\"context.decision_id\"");
        assertThat(post("/api/v1/feedback/general", "{\"score\":3,\"context\":{\"decision_id\":\"" + id + "\"}}",
                register("jo").accessToken()).statusCode()).isEqualTo(404);
    }

    /** Outbound rules that refuse link-local and private addresses, and deliveries kept in a list. */
    static final class TestOutbound implements OutboundPolicy, Callbacks {
        private final List<Map<String, Object>> delivered;

        TestOutbound(List<Map<String, Object>> delivered) {
            this.delivered = delivered;
        }

        @Override
        public URI check(String url) {
            URI uri = URI.create(url);
            if (uri.getHost() == null || uri.getHost().startsWith("169.254.") || uri.getHost().startsWith("10.")) {
                throw new RefusedDestinationException("private address " + uri.getHost() + " is refused");
            }
            return uri;
        }

        @Override
        public ai.aragora.api.webhook.Destination resolve(String url) {
            return new ai.aragora.api.webhook.Destination(check(url), List.of(java.net.InetAddress.getLoopbackAddress()));
        }

        @Override
        public CompletionStage<String> enqueue(String orgId, URI url, String eventType, Map<String, Object> data) {
            Map<String, Object> d = new java.util.HashMap<>(data);
            d.put("org", orgId);
            d.put("event", eventType);
            delivered.add(d);
            return CompletableFuture.completedFuture("dl-" + delivered.size());
        }
    }
}
