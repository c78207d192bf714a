package ai.aragora.debate;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

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
 * An agent whose every answer a test decides. By default it proposes a substantiated plan,
 * critiques mildly and votes for {@link #choice}; each behaviour can be replaced, and every
 * request is recorded.
 */
final class ScriptedAgent implements Agent {

    static final String SUBSTANTIATED = " proposes a 14-day pilot on 5% of traffic [1]; load tests measured p99 at 150 ms"
            + " against 180 ms before (source: 2024 benchmark).";
    static final String HOLLOW = "Absolutely, this is obviously the best idea and everyone agrees! Definitely do it!";

    final AgentInfo info;
    volatile String choice;
    volatile Function<ProposalRequest, CompletionStage<Proposal>> onPropose;
    volatile Function<VoteRequest, CompletionStage<Vote>> onVote;
    volatile Function<CritiqueRequest, CompletionStage<Critique>> onCritique;
    volatile Function<SynthesisRequest, CompletionStage<Synthesis>> onSynthesize;
    final List<ProposalRequest> proposals = new CopyOnWriteArrayList<>();
    final List<VoteRequest> votes = new CopyOnWriteArrayList<>();
    final List<CritiqueRequest> critiques = new CopyOnWriteArrayList<>();
    final List<SynthesisRequest> syntheses = new CopyOnWriteArrayList<>();

    ScriptedAgent(String name, String choice) {
        this(name, choice, "1.0.0");
    }

    ScriptedAgent(String name, String choice, String version) {
        this.info = new AgentInfo(name, "test", "model-" + version, "scripted", version);
        this.choice = choice;
        this.onPropose = r -> done(new Proposal(name, name + " round " + r.turn().round() + SUBSTANTIATED,
                new Usage(10, 20, 0.001, "model-" + version)));
        this.onVote = r -> done(new Vote(name, this.choice, r.turn().round(), 0.8, "best argued", false, new Usage(5, 5, null, null)));
        this.onCritique = r -> done(new Critique(name, r.target(), r.turn().round(), List.of("needs a rollback plan"),
                List.of("add a 15-minute rollback"), 3, "mostly sound", Usage.NONE));
        this.onSynthesize = r -> done(new Synthesis(name, "Synthesis: " + r.proposals().get(this.choice), this.choice, 0.9,
                "adopted the best argued plan", Usage.NONE));
    }

    String name() {
        return info.name();
    }

    ScriptedAgent hollow() {
        onPropose = r -> done(new Proposal(name(), HOLLOW, Usage.NONE));
        return this;
    }

    ScriptedAgent failing(String what) {
        RuntimeException e = new ai.aragora.api.agent.AgentException(ai.aragora.api.agent.AgentException.Kind.UNAVAILABLE, what);
        onPropose = r -> CompletableFuture.failedFuture(e);
        onVote = r -> CompletableFuture.failedFuture(e);
        onCritique = r -> CompletableFuture.failedFuture(e);
        onSynthesize = r -> CompletableFuture.failedFuture(e);
        return this;
    }

    static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    @Override
    public AgentInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Proposal> propose(ProposalRequest request) {
        proposals.add(request);
        return onPropose.apply(request);
    }

    @Override
    public CompletionStage<Critique> critique(CritiqueRequest request) {
        critiques.add(request);
        return onCritique.apply(request);
    }

    @Override
    public CompletionStage<Vote> vote(VoteRequest request) {
        votes.add(request);
        return onVote.apply(request);
    }

    @Override
    public CompletionStage<Synthesis> synthesize(SynthesisRequest request) {
        syntheses.add(request);
        return onSynthesize.apply(request);
    }
}
