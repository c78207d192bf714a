package ai.aragora.itest.slowagent;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;

/**
 * The payload of the hot-swap tests: an agent provider whose every answer takes {@value #DELAY_MS}
 * ms and names the bundle version that gave it. Built into bundles by the tests.
 */
@Component(property = Agent.NAME + "=" + SlowAgent.NAME)
public class SlowAgent implements Agent {

    public static final String NAME = "slow-agent";
    static final long DELAY_MS = 100;

    private final AgentInfo info;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @Activate
    public SlowAgent(BundleContext context) {
        String version = context.getBundle().getVersion().toString();
        info = new AgentInfo(NAME, "itest", "slow-model-" + version, "itest", version);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private <T> CompletionStage<T> later(T answer) {
        CompletableFuture<T> f = new CompletableFuture<>();
        timer.schedule(() -> f.complete(answer), DELAY_MS, TimeUnit.MILLISECONDS);
        return f;
    }

    private Usage usage() {
        return new Usage(10, 10, 0.0, info.model());
    }

    @Override
    public AgentInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Proposal> propose(ProposalRequest request) {
        return later(new Proposal(NAME, NAME + " " + info.version() + " in round " + request.turn().round()
                + ": run a 14-day pilot on 5% of traffic [1] and keep p99 under 200 ms (source: 2024 load test).", usage()));
    }

    @Override
    public CompletionStage<Critique> critique(CritiqueRequest request) {
        return later(new Critique(NAME, request.target(), request.turn().round(), List.of("no rollback path"),
                List.of("add a 15-minute rollback"), 2, info.version() + " reviewed it", usage()));
    }

    @Override
    public CompletionStage<Vote> vote(VoteRequest request) {
        return later(new Vote(NAME, NAME, request.turn().round(), 0.7, "version " + info.version(), false, usage()));
    }

    @Override
    public CompletionStage<Synthesis> synthesize(SynthesisRequest request) {
        return later(new Synthesis(NAME, "synthesis by " + info.version(), null, 0.7, "", usage()));
    }
}
