package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Participant;
import ai.aragora.itest.support.TestBundles;

/**
 * Debates between real provider bundles, each talking to its loopback stand-in: three providers
 * end to end, and a provider bundle upgraded while debates run.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProviderDebatesIT extends AragoraTestSupport {

    private static final String PORT = "aragora.itest.llm.port";
    private static final String TEST_PROVIDER = "ai.aragora.itest.provider";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<DebateStatus> DECIDED = List.of(DebateStatus.CONSENSUS_REACHED, DebateStatus.COMPLETED);
    private static int llmPort;
    private static LoopbackLlm llm;

    @Override
    protected List<String> features() {
        return List.of("core", "sqlite", "http", "providers");
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
        return Map.of("ANTHROPIC_API_KEY", "sk-ant-debate", "ANTHROPIC_BASE_URL", base,
                "OPENAI_API_KEY", "sk-openai-debate", "OPENAI_BASE_URL", base + "/openai/v1",
                "GEMINI_API_KEY", "AIza-gemini-debate", "GEMINI_BASE_URL", base + "/gemini");
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

    /** What a sensible model answers in each phase: everyone backs anthropic-api. */
    private static String text(String body) {
        if (body.contains("Vote for the best proposal")) {
            return "{\\\"choice\\\": \\\"anthropic-api\\\", \\\"confidence\\\": 0.9, \\\"reasoning\\\": \\\"most complete\\\", \\\"continue_debate\\\": false}";
        }
        if (body.contains("Critique this proposal")) {
            return "{\\\"issues\\\": [\\\"minor wording\\\"], \\\"suggestions\\\": [\\\"tighten it\\\"], \\\"severity\\\": 1, \\\"reasoning\\\": \\\"sound\\\"}";
        }
        if (body.contains("You are the judge")) {
            return "{\\\"final_answer\\\": \\\"Ship it behind a flag.\\\", \\\"adopted\\\": \\\"anthropic-api\\\", \\\"confidence\\\": 0.9}";
        }
        return "Ship it behind a feature flag, with a rollback plan.";
    }

    private static LoopbackLlm.Response answer(LoopbackLlm.Request request) {
        String text = text(request.body());
        String path = request.path();
        if (path.equals("/v1/messages")) {
            return new LoopbackLlm.Response(200, "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":40,\"output_tokens\":12}}");
        }
        if (path.startsWith("/gemini/v1beta/models/gemini-2.5-pro:")) {
            return new LoopbackLlm.Response(200, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + text + "\"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":41,\"candidatesTokenCount\":11,"
                    + "\"totalTokenCount\":52},\"modelVersion\":\"gemini-2.5-pro-002\"}");
        }
        if (path.equals("/openai/v1/chat/completions") || path.equals("/slow/v1/chat/completions")) {
            if (path.startsWith("/slow")) {
                pause(300);
            }
            return new LoopbackLlm.Response(200, "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\""
                    + (path.startsWith("/slow") ? "loopback-model" : "gpt-4o-2024-08-06") + "\",\"choices\":[{\"index\":0,"
                    + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":10,\"total_tokens\":52}}");
        }
        return new LoopbackLlm.Response(404, "{\"error\":{\"message\":\"no such path: " + path + "\"}}");
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DebateService debates;
    private DecisionCache cache;

    @Before
    public void up() throws Exception {
        synchronized (ProviderDebatesIT.class) {
            if (llm == null) {
                llm = new LoopbackLlm(Integer.parseInt(System.getProperty(PORT)), ProviderDebatesIT::answer);
            }
        }
        await("/readyz", WAIT, () -> status("/readyz") == 200);
        debates = service(DebateService.class, WAIT);
        assertThat(debates).as("the debate service").isNotNull();
        cache = service(DecisionCache.class, WAIT);
        await("the three provider agents", WAIT, () -> agents("anthropic-api") + agents("openai-api") + agents("gemini") == 3);
    }

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    /** Held for the whole test: a service nobody holds may be deactivated (the engine would shut down). */
    private <T> T service(Class<T> type, Duration wait) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        return tracker.waitForService(wait.toMillis());
    }

    @After
    public void release() {
        trackers.forEach(ServiceTracker::close);
        trackers.clear();
    }

    private int agents(String name) {
        return agentsOf(name, null);
    }

    private int agentsOf(String name, String version) {
        try {
            String filter = "(&(" + Agent.NAME + "=" + name + ")" + (version == null ? "" : "(" + Agent.VERSION + "=" + version + ")") + ")";
            return context.getServiceReferences(Agent.class, filter).size();
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The registry lists a new agent's service while the engine is still being told of it (the
     * same event, on the registering thread): until then the engine refuses the agent as unknown,
     * at once and with nothing started, so asking again is safe.
     */
    private DebateHandle startOnceKnown(DebateSpec spec) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return debates.start(spec);
            } catch (IllegalArgumentException e) {
                if (!String.valueOf(e.getMessage()).startsWith("unknown agent") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Participant participant(DebateResult result, String agent) {
        return result.participants().stream().filter(p -> p.agent().equals(agent)).findFirst().orElseThrow();
    }

    @Test
    public void aDebateBetweenThreeProvidersRunsEndToEnd() throws Exception {
        DebateSpec spec = DebateSpec.builder("Should we ship the retry change this week?")
                .agents(List.of("anthropic-api", "openai-api", "gemini")).rounds(2).build();
        DebateResult result = debates.start(spec).result().toCompletableFuture().get(120, TimeUnit.SECONDS);

        assertThat(result.status()).as("failures %s", result.failures()).isIn(DECIDED);
        assertThat(result.failures()).isEmpty();
        assertThat(result.consensusReached()).isTrue();
        assertThat(participant(result, "anthropic-api").provider()).isEqualTo("anthropic");
        assertThat(participant(result, "anthropic-api").model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(participant(result, "openai-api").provider()).isEqualTo("openai");
        assertThat(participant(result, "openai-api").model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(participant(result, "gemini").provider()).isEqualTo("gemini");
        assertThat(participant(result, "gemini").model()).isEqualTo("gemini-2.5-pro-002");
        assertThat(result.usage().inputTokens()).isGreaterThan(0);
        assertThat(result.usage().costUsd()).isGreaterThan(0);

        assertThat(llm.seen).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/messages");
            assertThat(r.header("x-api-key")).isEqualTo("sk-ant-debate");
        }).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/openai/v1/chat/completions");
            assertThat(r.header("authorization")).isEqualTo("Bearer sk-openai-debate");
        }).anySatisfy(r -> {
            assertThat(r.path()).startsWith("/gemini/v1beta/models/gemini-2.5-pro:");
            assertThat(r.header("x-goog-api-key")).isEqualTo("AIza-gemini-debate");
        });
    }

    @Test
    public void aProviderUpgradedDuringRunningDebatesLetsThemAllFinish() throws Exception {
        Path watched = Path.of(launched().dataDir()).resolve("bundles");
        Path jars = Distribution.home().getParent().resolve("test-bundles");
        Files.writeString(watched.resolve(TEST_PROVIDER + ".cfg"), "base.url = http://127.0.0.1:" + System.getProperty(PORT) + "/slow/v1\n");
        Files.copy(jars.resolve("provider-1.0.0.jar"), watched.resolve("provider-1.0.0.jar"));
        await("hot-agent 1.0.0", WAIT, () -> agentsOf("hot-agent", "1.0.0") == 1);
        cache.put("decision-v1", "approve", new CacheTags("ws-1", null, Map.of("hot-agent", "1.0.0"), Set.of()));

        List<DebateHandle> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(startOnceKnown(DebateSpec.builder("Upgrade question " + i).agents(List.of("hot-agent", "anthropic-api"))
                    .rounds(3).build()));
        }
        await("the debates to be talking to version 1", WAIT,
                () -> llm.seen.stream().anyMatch(r -> r.path().startsWith("/slow")));
        assertThat(running).as("debates still running when the upgrade arrives").anyMatch(h -> !h.status().isFinal());

        Files.copy(jars.resolve("provider-2.0.0.jar"), watched.resolve("provider-2.0.0.jar"));
        await("hot-agent 2.0.0 alone", WAIT, () -> agentsOf("hot-agent", "2.0.0") == 1 && agentsOf("hot-agent", "1.0.0") == 0);

        for (DebateHandle handle : running) {
            DebateResult result = handle.result().toCompletableFuture().get(180, TimeUnit.SECONDS);
            assertThat(result.status()).as("debate %s, failures %s", result.id(), result.failures()).isIn(DECIDED);
        }
        DebateResult after = startOnceKnown(DebateSpec.builder("After the upgrade").agents(List.of("hot-agent", "anthropic-api"))
                .rounds(1).build()).result().toCompletableFuture().get(120, TimeUnit.SECONDS);
        assertThat(participant(after, "hot-agent").version()).isEqualTo("2.0.0");
        assertThat(cache.get("decision-v1", String.class)).as("made with version 1").isEmpty();
    }
}
