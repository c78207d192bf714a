package ai.aragora.debate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.event.DebateEvent;

/** An engine on a manual clock with every step on the test's thread, a recording store and fakes. */
final class Harness {

    final ManualScheduler clock = new ManualScheduler();
    final RecordingStore store = new RecordingStore();
    final FakeServices.Ratings ratings = new FakeServices.Ratings();
    final FakeServices.Receipts receipts = new FakeServices.Receipts();
    final List<DebateEvent> announced = new CopyOnWriteArrayList<>();
    final Arena arena;
    private long serviceIds = 1;

    Harness() {
        this(EngineSettings.DEFAULTS);
    }

    Harness(EngineSettings settings) {
        this(settings, new DirectExecutor());
    }

    /** Prior knowledge looked up on {@code lookups}. */
    Harness(EngineSettings settings, ExecutorService lookups) {
        arena = new Arena(null, clock, new DirectExecutor(), new DirectExecutor(), lookups, settings);
        arena.bindStore(store);
        arena.bindRatings(ratings);
        arena.bindReceipts(receipts);
        arena.addListener(announced::add);
    }

    ScriptedAgent agent(String name, String choice) {
        ScriptedAgent agent = new ScriptedAgent(name, choice);
        register(agent);
        return agent;
    }

    void register(Agent agent) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(Agent.NAME, agent.info().name());
        properties.put("service.id", serviceIds++);
        arena.addAgent(agent, properties);
    }

    DebateHandle start(DebateSpec spec) {
        return arena.start(spec);
    }

    /** Runs a debate whose agents all answer at once: it is decided when start returns. */
    DebateResult run(DebateSpec spec) {
        DebateHandle handle = start(spec);
        DebateResult result = handle.result().toCompletableFuture().getNow(null);
        if (result == null) {
            throw new AssertionError("the debate did not finish: " + handle.status());
        }
        return result;
    }

    static DebateSpec.Builder spec(String... agents) {
        return DebateSpec.builder("Should we adopt exponential backoff with jitter?").agents(List.of(agents));
    }
}
