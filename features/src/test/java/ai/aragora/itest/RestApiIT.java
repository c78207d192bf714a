package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The debates, agents, leaderboard and receipts routes over HTTP on the default storage with the
 * demo agents: status codes and shapes as API.md gives them, both path prefixes, org isolation,
 * the creation rate limit, request ids, and a real debate followed on the event stream.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RestApiIT extends AragoraTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String AGENTS = "\"agents\":\"demo-supportive,demo-critical,demo-balanced\"";

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "demo", "providers");
    }

    @Override
    protected Map<String, String> environment() {
        // long enough to cancel a debate while it runs, short enough for the suite
        return Map.of("ARAGORA_DEMO_LATENCY_MS", "150");
    }

    @Before
    public void ready() throws Exception {
        await("the API", WAIT, () -> status("/readyz") == 200 && status("/api/v1/auth/me") == 401);
    }

    private String create(Account who, String body) throws Exception {
        HttpResponse<String> r = post("/api/v1/debates", body, who.accessToken());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return text(r.body(), "debate_id");
    }

    private String finished(Account who, String id) throws Exception {
        await("debate " + id + " to finish", WAIT, () -> {
            try {
                return !get("/api/v1/debates/" + id, who.accessToken()).body().contains("\"in_progress\":true");
            } catch (Exception e) {
                return false;
            }
        });
        return get("/api/v1/debates/" + id, who.accessToken()).body();
    }

    @Test
    public void aDebateIsCreatedAtOnceRunsAsynchronouslyAndReadsBackInEveryShape() throws Exception {
        Account ada = register("ada");
        HttpResponse<String> created = post("/api/v1/debates",
                "{\"task\":\"Should we adopt exponential backoff with jitter?\"," + AGENTS + ",\"rounds\":2}", ada.accessToken());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"success\":true", "\"status\":\"created\"", "\"task\":\"Should we adopt");
        String id = text(created.body(), "debate_id");

        HttpResponse<String> running = get("/api/v1/debates/" + id, ada.accessToken());
        assertThat(running.body()).contains("\"in_progress\":true", "\"debate_id\":\"" + id + "\"");

        String done = finished(ada, id);
        assertThat(done).contains("\"final_answer\"", "\"conclusion\"", "\"consensus_reached\"", "\"confidence\"", "\"agreement\"",
                "\"rounds_used\"", "\"duration_seconds\"", "\"participants\":[\"demo-supportive\"", "\"winner\"", "\"verdict\"",
                "\"supporting_agents\"", "\"dissenting_agents\"", "\"method\":\"majority\"", "\"dissenting_views\"", "\"receipt_id\":\"",
                "\"messages\":[", "\"in_progress\":false").containsPattern("\"status\":\"(consensus_reached|completed)\"");
        assertThat(get("/api/debates/" + id, ada.accessToken()).body()).as("the legacy prefix").contains("\"debate_id\":\"" + id);

        HttpResponse<String> list = get("/api/v1/debates?limit=5&offset=0", ada.accessToken());
        assertThat(list.body()).contains("\"debates\":[", "\"id\":\"" + id + "\"", "\"round_count\"", "\"agent_count\":3",
                "\"has_consensus\"", "\"total\":1", "\"limit\":5", "\"offset\":0");
        assertThat(get("/api/v1/debates?status=running", ada.accessToken()).body()).contains("\"total\":0");

        HttpResponse<String> messages = get("/api/v1/debates/" + id + "/messages?limit=2", ada.accessToken());
        assertThat(messages.body()).contains("\"debate_id\":\"" + id, "\"index\":0", "\"role\"", "\"agent\"", "\"content\"",
                "\"round\"", "\"timestamp\"", "\"limit\":2", "\"has_more\":true");

        HttpResponse<String> events = get("/api/v1/debates/" + id + "/events?since=0&limit=1000", ada.accessToken());
        assertThat(events.body()).contains("\"type\":\"debate_start\"", "\"type\":\"debate_end\"", "\"loop_id\":\"" + id);
        String next = Pattern.compile("\"next_seq\":(\\d+)").matcher(events.body()).results().findFirst().orElseThrow().group(1);
        assertThat(get("/api/v1/debates/" + id + "/events?since=" + next, ada.accessToken()).body())
                .contains("\"events\":[]", "\"next_seq\":" + next);

        Map<String, String> types = Map.of("json", "application/json", "csv", "text/csv", "md", "text/markdown",
                "html", "text/html", "txt", "text/plain");
        for (Map.Entry<String, String> f : types.entrySet()) {
            HttpResponse<String> export = get("/api/v1/debates/" + id + "/export/" + f.getKey(), ada.accessToken());
            assertThat(export.statusCode()).as(f.getKey()).isEqualTo(200);
            assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith(f.getValue());
            assertThat(export.body()).contains("exponential backoff");
        }
        assertThat(get("/api/v1/debates/" + id + "/export?format=md", ada.accessToken()).headers().firstValue("Content-Type")
                .orElse("")).startsWith("text/markdown");
        assertThat(get("/api/v1/debates/" + id + "/export/pdf", ada.accessToken()).statusCode()).isEqualTo(400);

        String receipt = text(done, "receipt_id");
        assertThat(get("/api/v2/receipts/" + receipt, ada.accessToken()).statusCode()).isEqualTo(200);
        HttpResponse<String> verified = post("/api/v2/receipts/" + receipt + "/verify", null, ada.accessToken());
        assertThat(verified.body()).contains("\"verified\":true");

        HttpResponse<String> deleted = call("DELETE", "/api/v1/debates/" + id, null, ada.accessToken());
        assertThat(deleted.body()).contains("\"deleted\":true", "\"id\":\"" + id);
        assertThat(get("/api/v1/debates/" + id, ada.accessToken()).statusCode()).isEqualTo(404);
    }

    @Test
    public void aRunningDebateCanBeCancelledOnce() throws Exception {
        Account bob = register("bob");
        String id = create(bob, "{\"task\":\"Cancel me?\"," + AGENTS + ",\"rounds\":12,\"consensus\":\"unanimous\"}");
        assertThat(call("DELETE", "/api/v1/debates/" + id, null, bob.accessToken()).statusCode()).as("running: cancel first")
                .isEqualTo(409);
        HttpResponse<String> cancelled = post("/api/v1/debates/" + id + "/cancel", null, bob.accessToken());
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        assertThat(finished(bob, id)).contains("\"status\":\"cancelled\"");
        assertThat(post("/api/v1/debates/" + id + "/cancel", null, bob.accessToken()).statusCode()).isEqualTo(409);
    }

    /** Another org's debate is a 404 on every route, and never appears or counts in a list; nor does its receipt. */
    @Test
    public void anotherOrgsDebateDoesNotExist() throws Exception {
        Account owner = register("owner");
        Account other = register("other");
        String id = create(owner, "{\"task\":\"Private matter\"," + AGENTS + ",\"rounds\":1}");
        String receipt = text(finished(owner, id), "receipt_id");
        for (String path : List.of("/api/v1/debates/" + id, "/api/debates/" + id, "/api/v1/debates/" + id + "/messages",
                "/api/v1/debates/" + id + "/events", "/api/v1/debates/" + id + "/export/json", "/api/v2/receipts/" + receipt)) {
            HttpResponse<String> r = get(path, other.accessToken());
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.body()).doesNotContain("Private matter");
        }
        assertThat(post("/api/v1/debates/" + id + "/cancel", null, other.accessToken()).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/debates/" + id, null, other.accessToken()).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/debates", other.accessToken()).body()).doesNotContain(id).contains("\"total\":0");
        assertThat(get("/api/v2/receipts", other.accessToken()).body()).doesNotContain(receipt).contains("\"total\":0");
        assertThat(get("/api/v1/debates/" + id, owner.accessToken()).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/debates/" + id).statusCode()).as("anonymous").isEqualTo(401);

        // A newer receipt of another org neither takes the owner's place in a page nor counts for it.
        String theirs = text(finished(other, create(other, "{\"task\":\"Their matter\"," + AGENTS + ",\"rounds\":1}")), "receipt_id");
        assertThat(get("/api/v2/receipts?limit=1", owner.accessToken()).body())
                .contains("\"receipt_id\":\"" + receipt + "\"", "\"total\":1").doesNotContain(theirs);
        assertThat(get("/api/v2/receipts?limit=1", other.accessToken()).body())
                .contains("\"receipt_id\":\"" + theirs + "\"", "\"total\":1").doesNotContain(receipt);
        assertThat(get("/api/v2/receipts?limit=1&offset=1", owner.accessToken()).body()).contains("\"receipts\":[]", "\"total\":1");
        String all = get("/api/v2/receipts?limit=1", adminToken()).body();
        long total = Long.parseLong(Pattern.compile("\"total\":(\\d+)").matcher(all).results().findFirst().orElseThrow().group(1));
        assertThat(total).as("the admin counts every org's: " + all).isGreaterThanOrEqualTo(2);
    }

    /**
     * The operator (admin token) lists every org's debates and receipts, its own included, and
     * narrows them with {@code ?org=}; a user's {@code ?org=} cannot reach another org.
     */
    @Test
    public void theOperatorListsEveryOrgsDebatesAndReceipts() throws Exception {
        Account erin = register("erin");
        String hers = create(erin, "{\"task\":\"Erin's question\"," + AGENTS + ",\"rounds\":1}");
        HttpResponse<String> byAdmin = post("/api/v1/debates", "{\"task\":\"The operator's question\"," + AGENTS + ",\"rounds\":1}",
                adminToken());
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(201);
        String operators = text(byAdmin.body(), "debate_id");
        String herReceipt = text(finished(erin, hers), "receipt_id");
        finished(new Account("admin", "admin", null, adminToken(), null), operators);

        String all = get("/api/v1/debates?limit=100", adminToken()).body();
        assertThat(all).contains("\"id\":\"" + hers + "\"", "\"id\":\"" + operators + "\"").doesNotContain("\"total\":0");
        assertThat(get("/api/debates?limit=100", adminToken()).body()).as("the legacy prefix").contains(hers, operators);
        assertThat(get("/api/v1/debates?limit=100&org=" + erin.orgId(), adminToken()).body())
                .contains("\"id\":\"" + hers + "\"", "\"total\":1").doesNotContain(operators);
        assertThat(get("/api/v1/debates?org=no-such-org", adminToken()).body()).contains("\"total\":0");
        assertThat(get("/api/v2/receipts?limit=100&org=" + erin.orgId(), adminToken()).body())
                .contains("\"receipt_id\":\"" + herReceipt + "\"", "\"total\":1");

        Account frank = register("frank");
        assertThat(get("/api/v1/debates?org=" + erin.orgId(), frank.accessToken()).body()).doesNotContain(hers).contains("\"total\":0");
        assertThat(get("/api/v2/receipts?org=" + erin.orgId(), frank.accessToken()).body()).doesNotContain(herReceipt)
                .contains("\"total\":0");
        assertThat(get("/api/v1/debates?org=" + erin.orgId(), erin.accessToken()).body()).contains(hers, "\"total\":1");
    }

    @Test
    public void badDebateRequestsNameTheField() throws Exception {
        Account c = register("carol");
        Object[][] cases = {
            {"{" + AGENTS + "}", "task"},
            {"{\"task\":\"x\",\"agents\":\"demo-supportive\"}", "agents"},
            {"{\"task\":\"x\",\"agents\":\"demo-supportive,no-such-agent\"}", "no-such-agent"},
            {"{\"task\":\"x\"," + AGENTS + ",\"rounds\":13}", "rounds"},
            {"{\"task\":\"x\"," + AGENTS + ",\"consensus\":\"coin-flip\"}", "consensus"},
            {"{\"task\":\"" + "x".repeat(10_001) + "\"," + AGENTS + "}", "task"},
        };
        for (Object[] c2 : cases) {
            HttpResponse<String> r = post("/api/v1/debates", (String) c2[0], c.accessToken());
            assertThat(r.statusCode()).as((String) c2[0]).isEqualTo(400);
            assertThat(r.body()).contains("\"error\"", (String) c2[1]);
        }
        HttpResponse<String> many = post("/api/v1/debates", "{\"rounds\":\"x\",\"agents\":7}", c.accessToken());
        assertThat(many.body()).contains("\"errors\":[", "\"field\":\"task\"", "\"field\":\"agents\"");
        assertThat(get("/api/v1/debates?limit=101", c.accessToken()).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/debates?limit=abc", c.accessToken()).body()).contains("query parameter 'limit'");
    }

    @Test
    public void debateCreationIsRateLimitedPerPrincipal() throws Exception {
        Account eager = register("eager");
        Account calm = register("calm");
        int limited = 0;
        String retryAfter = null;
        for (int i = 0; i < 40 && limited == 0; i++) {
            HttpResponse<String> r = post("/api/v1/debates", "{\"task\":\"Burst " + i + "\"," + AGENTS + ",\"rounds\":1}",
                    eager.accessToken());
            if (r.statusCode() == 429) {
                limited++;
                retryAfter = r.headers().firstValue("Retry-After").orElse(null);
                assertThat(r.body()).contains("\"code\":\"rate_limited\"");
            }
        }
        assertThat(limited).as("a burst gets a 429").isPositive();
        assertThat(retryAfter).isNotNull().matches("\\d+");
        assertThat(post("/api/v1/debates", "{\"task\":\"Mine\"," + AGENTS + ",\"rounds\":1}", calm.accessToken()).statusCode())
                .as("others are not limited by it").isEqualTo(201);
    }

    @Test
    public void requestIdsAreEchoedOrMade() throws Exception {
        HttpResponse<String> echoed = http.send(HttpRequest.newBuilder(URI.create(api("/api/v1/health")))
                .header("X-Request-ID", "client-chosen-42").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(echoed.headers().firstValue("X-Request-ID")).contains("client-chosen-42");
        HttpResponse<String> made = get("/api/v1/nothing-here");
        assertThat(made.headers().firstValue("X-Request-ID")).hasValueSatisfying(v -> assertThat(made.body()).contains(v));
    }

    @Test
    public void agentsAndRankingsListTheDemoAgents() throws Exception {
        Account d = register("dana");
        create(d, "{\"task\":\"Rank us\"," + AGENTS + ",\"rounds\":1}");
        HttpResponse<String> agents = get("/api/v1/agents", d.accessToken());
        assertThat(agents.body()).contains("\"name\":\"demo-supportive\"", "\"provider\"", "\"model\"", "\"version\"",
                "\"available\":true", "\"elo\"", "\"matches\"", "\"wins\"", "\"losses\"", "\"total\"");
        for (String path : List.of("/api/v1/leaderboard?limit=10", "/api/v1/rankings", "/api/leaderboard/rankings")) {
            HttpResponse<String> r = get(path, d.accessToken());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).contains("\"rankings\":[", "\"win_rate\"");
        }
        assertThat(get("/api/v1/agents/health").body()).contains("demo-supportive");
        assertThat(get("/api/v1/circuit-breakers").statusCode()).isEqualTo(200);
    }

    /** The stream and the polling route tell the same story, seq by seq. */
    @Test
    public void aRealDebateStreamsEveryEventInOrder() throws Exception {
        Account e = register("erin");
        List<String> received = new CopyOnWriteArrayList<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + e.accessToken())
                .buildAsync(URI.create("ws://127.0.0.1:" + launched().wsPort() + "/"), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            received.add(partial.toString());
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        String id = create(e, "{\"task\":\"Stream me\"," + AGENTS + ",\"rounds\":2}");
        socket.sendText("{\"type\":\"subscribe\",\"debate_id\":\"" + id + "\"}", true);
        finished(e, id);
        await("debate_end on the stream", WAIT, () -> received.stream().anyMatch(m -> m.contains("\"type\":\"debate_end\"")));

        String polled = get("/api/v1/debates/" + id + "/events?limit=1000", e.accessToken()).body();
        long last = 0;
        int streamed = 0;
        for (String m : received) {
            Matcher seq = Pattern.compile("\"seq\":(\\d+)").matcher(m);
            if (m.contains("\"loop_id\":\"" + id) && seq.find()) {
                long s = Long.parseLong(seq.group(1));
                assertThat(s).isGreaterThan(last);
                assertThat(polled).contains("\"seq\":" + s);
                last = s;
                streamed++;
            }
        }
        assertThat(streamed).isGreaterThan(5);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
}
