package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.resilience.FallbackListener;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.itest.support.TestBundles;

/**
 * The provider bundles in a running framework, against loopback stand-ins: agents registered
 * only where a key is set, calls through breakers and OpenRouter fallback with its event and
 * metrics, named agents from configuration files, a provider bundle hot-deployed and upgraded
 * with its cache entries invalidated, and the REST and console surfaces.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProvidersIT extends AragoraTestSupport {

    private static final String PORT = "aragora.itest.llm.port";
    private static final String ANTHROPIC_KEY = "sk-ant-itest-0123456789secret";
    private static final String OPENROUTER_KEY = "sk-or-itest-0123456789secret";
    private static final String TEST_PROVIDER = "ai.aragora.itest.provider";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static int llmPort;
    private static LoopbackLlm llm;

    @Inject
    private DecisionCache cache;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "webconsole", "providers");
    }

    @Override
    protected Map<String, String> environment() {
        if (llmPort == 0) {
            try {
                llmPort = Distribution.freePort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String base = "http://127.0.0.1:" + llmPort;
        return Map.of("ANTHROPIC_API_KEY", ANTHROPIC_KEY, "ANTHROPIC_BASE_URL", base,
                "OPENROUTER_API_KEY", OPENROUTER_KEY, "OPENROUTER_BASE_URL", base + "/api/v1");
    }

    @Configuration
    @Override
    public Option[] configuration() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.configuration()));
        options.add(systemProperty(PORT).value(String.valueOf(llmPort)));
        Path jars = Distribution.home().getParent().resolve("test-bundles");
        TestBundles.build(TEST_PROVIDER, "1.0.0", TEST_PROVIDER, Map.of(), jars.resolve("provider-1.0.0.jar"));
        TestBundles.build(TEST_PROVIDER, "2.0.0", TEST_PROVIDER, Map.of(), jars.resolve("provider-2.0.0.jar"));
        return options.toArray(new Option[0]);
    }

    /** Anthropic, OpenRouter and a plain Chat Completions server on one port, told apart by path. */
    private static LoopbackLlm.Response answer(LoopbackLlm.Request request) {
        switch (request.path()) {
            case "/v1/messages":
                if (request.body().contains("FAIL-401")) {
                    return new LoopbackLlm.Response(401, "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}");
                }
                return new LoopbackLlm.Response(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
                        + "\"content\":[{\"type\":\"text\",\"text\":\"Claude says: ship it.\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":30,\"output_tokens\":6}}");
            case "/api/v1/chat/completions":
                return completion("OpenRouter stands in.", "anthropic/claude-sonnet-4.5");
            case "/v1/chat/completions":
                return completion("The hot agent answers.", "loopback-model");
            default:
                return new LoopbackLlm.Response(404, "{\"error\":{\"message\":\"no such path\"}}");
        }
    }

    private static LoopbackLlm.Response completion(String text, String model) {
        return new LoopbackLlm.Response(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"" + model + "\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16,\"cost\":0.0001}}");
    }

    @Before
    public void up() throws Exception {
        synchronized (ProvidersIT.class) {
            if (llm == null) {
                llm = new LoopbackLlm(Integer.parseInt(System.getProperty(PORT)), ProvidersIT::answer);
            }
        }
        await("/readyz", WAIT, () -> status("/readyz") == 200);
        await("the anthropic agent", WAIT, () -> agent("anthropic-api") != null);
    }

    private Agent agent(String name) {
        ServiceReference<Agent> ref = agentRef(name, null);
        return ref == null ? null : context.getService(ref);
    }

    private ServiceReference<Agent> agentRef(String name, String version) {
        try {
            String filter = "(&(" + Agent.NAME + "=" + name + ")" + (version == null ? "" : "(" + Agent.VERSION + "=" + version + ")") + ")";
            Collection<ServiceReference<Agent>> refs = context.getServiceReferences(Agent.class, filter);
            return refs.isEmpty() ? null : refs.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProposalRequest ask(String task) {
        return new ProposalRequest(new Turn("it-debate", task, "", 1, Instant.now().plusSeconds(30), 0, null), null, null, null);
    }

    private String body(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    @Test
    public void onlyProvidersWithAKeyRegisterAgentsAndTheOthersSaySo() throws Exception {
        List<String> llmAgents = new ArrayList<>();
        for (ServiceReference<Agent> ref : context.getServiceReferences(Agent.class, "(aragora.agent.provider=*)")) {
            llmAgents.add((String) ref.getProperty(Agent.NAME));
            assertThat(ref.getPropertyKeys()).as("no configuration property leaks into the service").doesNotContain("api.key");
        }
        assertThat(llmAgents).contains("anthropic-api", "openrouter").doesNotContain("openai-api", "grok", "mistral-api", "gemini");

        String health = body("/api/agents/health");
        assertThat(health).contains("\"anthropic\":{\"configured\":true,\"agents\":[\"anthropic-api\"]}")
                .contains("\"openai\":{\"configured\":false,\"agents\":[],\"detail\":\"OPENAI_API_KEY is not set: no agents registered\"}")
                .contains("\"fallback\":{\"enabled\":true,\"provider\":\"openrouter\"}")
                .doesNotContain(ANTHROPIC_KEY).doesNotContain(OPENROUTER_KEY);
        assertThat(body("/api/v1/agents/health")).contains("\"anthropic-api\"");
        assertThat(body("/api/openapi.json")).contains("\"/api/agents/health\"", "\"/api/v1/agents/health\"",
                "\"/api/circuit-breakers\"", "\"/api/system/circuit-breakers\"");
    }

    @Test
    public void anAgentAnswersThroughItsProviderAndFallsBackToOpenRouterWithAnEvent() throws Exception {
        Proposal own = agent("anthropic-api").propose(ask("Should we ship?")).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(own.content()).isEqualTo("Claude says: ship it.");
        assertThat(own.usage().model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(own.usage().costUsd()).isNotNull();
        LoopbackLlm.Request sent = llm.seen.stream().filter(r -> r.path().equals("/v1/messages")).findFirst().orElseThrow();
        assertThat(sent.header("x-api-key")).isEqualTo(ANTHROPIC_KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");

        List<FallbackNotice> notices = new CopyOnWriteArrayList<>();
        ServiceRegistration<FallbackListener> listener = context.registerService(FallbackListener.class, notices::add, null);
        try {
            Proposal rerouted = agent("anthropic-api").propose(ask("FAIL-401 please")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(rerouted.content()).isEqualTo("OpenRouter stands in.");
            assertThat(rerouted.usage().model()).as("the model that actually answered").isEqualTo("anthropic/claude-sonnet-4.5");
            assertThat(notices).singleElement().satisfies(n -> {
                assertThat(n.debateId()).isEqualTo("it-debate");
                assertThat(n.agent()).isEqualTo("anthropic-api");
                assertThat(n.reason()).isEqualTo("authentication");
                assertThat(n.fallbackProvider()).isEqualTo("openrouter");
                assertThat(n.toModel()).isEqualTo("anthropic/claude-sonnet-4.5");
            });
        } finally {
            listener.unregister();
        }
        LoopbackLlm.Request toOpenRouter = llm.seen.stream().filter(r -> r.path().equals("/api/v1/chat/completions")).findFirst().orElseThrow();
        assertThat(toOpenRouter.header("authorization")).isEqualTo("Bearer " + OPENROUTER_KEY);
        assertThat(toOpenRouter.header("http-referer")).isEqualTo("https://aragora.ai");
        assertThat(toOpenRouter.header("x-title")).isEqualTo("Aragora");

        String metrics = body("/api/metrics");
        assertThat(metrics).contains("aragora_fallback_activations_total{agent=\"anthropic-api\",reason=\"authentication\",} 1.0")
                .contains("aragora_fallback_success_total{agent=\"anthropic-api\",} 1.0")
                .contains("aragora_fallback_latency_seconds_count{agent=\"anthropic-api\",} 1.0")
                .contains("aragora_circuit_breaker_state{agent=\"anthropic-api\",} 0.0")
                .contains("aragora_agent_calls_total{agent=\"anthropic-api\",outcome=\"ok\",} 2.0")
                .contains("aragora_agent_tokens_total{agent=\"anthropic-api\",direction=\"input\",} 42.0");
        String breakers = body("/api/circuit-breakers");
        assertThat(breakers).contains("\"anthropic-api\":{\"status\":\"closed\",\"failures\":1,\"failure_threshold\":5,\"cooldown_seconds\":60");
        assertThat(body("/api/system/circuit-breakers")).isEqualTo(breakers);
        assertThat(body("/api/v1/circuit-breakers")).contains("\"summary\"");
    }

    @Test
    public void namedAgentsComeAndGoWithConfigurationFiles() throws Exception {
        Path cfg = Path.of(launched().dataDir()).resolve("bundles").resolve("ai.aragora.agents.anthropic.agent-opus.cfg");
        Files.writeString(cfg, "name = claude-opus\nmodel = claude-opus-4-1\nfallback.model = anthropic/claude-opus-4.1\n");
        try {
            await("the named agent", WAIT, () -> agent("claude-opus") != null);
            assertThat(agent("claude-opus").info().model()).isEqualTo("claude-opus-4-1");
            assertThat(agent("anthropic-api")).as("the default agent stays").isNotNull();
        } finally {
            Files.delete(cfg);
        }
        await("the named agent to leave", WAIT, () -> agent("claude-opus") == null);
    }

    @Test
    public void aDroppedProviderRegistersItsAgentsAndItsUpgradeInvalidatesTheirCachedDecisions() throws Exception {
        Path watched = Path.of(launched().dataDir()).resolve("bundles");
        Path jars = Distribution.home().getParent().resolve("test-bundles");
        Files.writeString(watched.resolve(TEST_PROVIDER + ".cfg"), "base.url = http://127.0.0.1:" + System.getProperty(PORT) + "/v1\n");
        Files.copy(jars.resolve("provider-1.0.0.jar"), watched.resolve("provider-1.0.0.jar"));
        await("hot-agent 1.0.0", WAIT, () -> agentRef("hot-agent", "1.0.0") != null);
        assertThat(agent("hot-agent").propose(ask("Hello?")).toCompletableFuture().get(30, TimeUnit.SECONDS).content())
                .isEqualTo("The hot agent answers.");

        cache.put("decision-v1", "approve", new CacheTags("ws-1", null, Map.of("hot-agent", "1.0.0"), Set.of()));
        cache.put("decision-other", "reject", new CacheTags("ws-1", null, Map.of("anthropic-api", "0.1.0.SNAPSHOT"), Set.of()));
        assertThat(cache.get("decision-v1", String.class)).contains("approve");

        Files.copy(jars.resolve("provider-2.0.0.jar"), watched.resolve("provider-2.0.0.jar"));
        await("hot-agent 2.0.0 alone", WAIT, () -> agentRef("hot-agent", "2.0.0") != null && agentRef("hot-agent", "1.0.0") == null);
        assertThat(cache.get("decision-v1", String.class)).as("made with version 1").isEmpty();
        assertThat(cache.get("decision-other", String.class)).as("another agent's").contains("reject");
        assertThat(body("/api/agents/health")).contains("\"hot-agent\":{\"provider\":\"itest\",\"model\":\"loopback-model\",\"version\":\"2.0.0\"");
        assertThat(cache.stats().invalidations()).containsEntry(ai.aragora.api.cache.InvalidationKind.AGENT_VERSION, 1L);
        Files.delete(watched.resolve("provider-2.0.0.jar"));
        await("the provider to leave", WAIT, () -> agentRef("hot-agent", null) == null);
    }

    @Test
    public void theCacheIsAdministeredOverRestAndMeasured() throws Exception {
        assertThat(get("/api/cache/stats", null).statusCode()).as("anonymous").isEqualTo(401);
        assertThat(post("/api/cache/invalidate/all", "", null).statusCode()).as("anonymous").isEqualTo(401);
        String owner = register("cache-owner").accessToken();
        HttpResponse<String> refused = post("/api/cache/invalidate/all", "", owner);
        assertThat(refused.statusCode()).as("an org's owner: the cache serves every org").isEqualTo(403);
        assertThat(refused.body()).contains("server admin only");
        assertThat(get("/api/cache/stats", owner).statusCode()).isEqualTo(403);
        administer();
        assertThat(body("/api/openapi.json")).contains("\"/api/v1/cache/stats\"", "\"/api/cache/invalidate/workspace/{workspace}\"");
    }

    private void administer() throws Exception {
        cache.put("d-ws-9", "approve", new CacheTags("ws-9", null, Map.of(), Set.of("urgent")));
        cache.put("d-ws-9b", "approve", new CacheTags("ws-9", null, Map.of(), Set.of()));
        HttpResponse<String> invalidated = post("/api/cache/invalidate/workspace/ws-9", "", adminToken());
        assertThat(invalidated.statusCode()).as(invalidated.body()).isEqualTo(200);
        assertThat(invalidated.body()).isEqualTo("{\"strategy\":\"workspace\",\"invalidated\":2}");
        assertThat(post("/api/v1/cache/policy-version", "{\"version\":\"v7\"}", adminToken()).body())
                .contains("\"current_policy_version\":\"v7\"");
        HttpResponse<String> bad = post("/api/cache/policy-version", "{}", adminToken());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("version must not be empty");
        HttpResponse<String> stats = get("/api/cache/stats", adminToken());
        assertThat(stats.statusCode()).isEqualTo(200);
        assertThat(stats.body()).contains("\"current_policy_version\":\"v7\"", "\"hit_rate\":");
        assertThat(body("/api/metrics")).contains("aragora_decision_cache_size ", "aragora_decision_cache_hits_total ",
                "aragora_decision_cache_misses_total ", "aragora_decision_cache_invalidations_total{type=\"workspace\",}");
    }

    @Test
    public void theWebConsoleHasADecisionCachePage() throws Exception {
        HttpResponse<String> page = get("/system/console/decision-cache", "admin", launched().adminToken());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("total_entries", "Invalidate a workspace", "name='token'");
        assertThat(get("/system/console/decision-cache").statusCode()).isEqualTo(401);
    }

    @Test
    public void theWebConsoleHasAgentsAndReceiptsPages() throws Exception {
        String admin = launched().adminToken();
        HttpResponse<String> agents = get("/system/console/aragora-agents", "admin", admin);
        assertThat(agents.statusCode()).isEqualTo(200);
        assertThat(agents.body()).contains("ai.aragora.agents.anthropic", "Breaker", "Calls", "Reset breaker", "name='token'");
        assertThat(get("/system/console/aragora-agents").statusCode()).isEqualTo(401);
        String agent = group(agents.body(), "name='agent' value='([^']+)'");
        String token = group(agents.body(), "name='token' value='([0-9a-f]+)'");
        assertThat(consoleForm("aragora-agents", "agent=" + agent, admin).statusCode()).as("no form token").isEqualTo(403);
        HttpResponse<String> reset = consoleForm("aragora-agents", "token=" + token + "&agent=" + agent, admin);
        assertThat(reset.headers().firstValue("Location")).get().asString().contains("closed+again");

        HttpResponse<String> receipts = get("/system/console/aragora-receipts", "admin", admin);
        assertThat(receipts.statusCode()).isEqualTo(200);
        assertThat(receipts.body()).contains("Signing keys", "active: signs new receipts", "Newest receipts", "Rotate the signing key");
        String form = group(receipts.body(), "name='token' value='([0-9a-f]+)'");
        HttpResponse<String> unconfirmed = consoleForm("aragora-receipts", "token=" + form + "&action=rotate", admin);
        assertThat(unconfirmed.headers().firstValue("Location")).get().asString().contains("Not+rotated");
        HttpResponse<String> verify = consoleForm("aragora-receipts", "token=" + form + "&action=verify&receipt=no-such-receipt", admin);
        assertThat(verify.headers().firstValue("Location")).get().asString().contains("Not+verified");
        HttpResponse<String> rotated = consoleForm("aragora-receipts", "token=" + form + "&action=rotate&confirm=yes", admin);
        assertThat(rotated.headers().firstValue("Location")).get().asString().contains("Rotated");
        assertThat(get("/system/console/aragora-receipts", "admin", admin).body())
                .contains("published: verifies older receipts", "active: signs new receipts");
    }

    private HttpResponse<String> consoleForm(String label, String form, String admin) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + admin).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api("/system/console/" + label)))
                .timeout(WAIT).header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
