package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.BaselineVote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.ConsensusOutcome;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.debate.Participant;
import ai.aragora.api.debate.UsageTotals;
import ai.aragora.api.debate.Verdict;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.resilience.FallbackNotice;
import ai.aragora.api.storage.DebateRecord;

/**
 * One debate, run as a state machine. Every step runs in {@link #drain()}, which one thread at a
 * time enters; agents' answers, timeouts and store completions only fill slots and wake it. When
 * agents answer at once the whole debate runs in one pass without a thread switch.
 *
 * <p>Per round: proposals (round 1) or revisions, the independent baseline vote (round 1 only),
 * critiques of every other agent's proposal, votes. After each step its messages and events are
 * written to the store, and only then handed to listeners.
 */
final class Debate implements DebateHandle {

    static final String PROPOSER = "proposer";
    static final String CRITIC = "critic";
    static final String VOTER = "voter";
    static final String JUDGE = "judge";
    static final String TRICKSTER = "trickster";
    static final String SYSTEM = "system";

    private static final Logger LOG = LoggerFactory.getLogger(Debate.class);

    /** An agent's place in the debate; touched only by the debate's steps. */
    static final class Seat {
        final String name;
        final int index;
        Agent agent;
        AgentInfo info;
        String answeredBy;
        boolean dropped;
        String proposal;
        TextProfile profile;
        List<Critique> received;
        double weight = 1;

        Seat(String name, int index) {
            this.name = name;
            this.index = index;
        }
    }

    /**
     * A stage that wakes the debate when it completes: a write in flight, whose events are
     * announced once it and every earlier write are durable (its failure fails the debate at the
     * next step), or a write or receipt the debate waits for, with what to do then.
     */
    private static final class Completion implements BiConsumer<Object, Throwable> {
        final Debate debate;
        final List<DebateEvent> announce;
        final Runnable next;
        volatile boolean done;
        volatile Throwable failure;

        Completion(Debate debate, List<DebateEvent> announce, Runnable next) {
            this.debate = debate;
            this.announce = announce;
            this.next = next;
        }

        @Override
        public void accept(Object ignored, Throwable thrown) {
            failure = thrown;
            done = true;
            debate.signal();
        }
    }

    private final EngineContext engine;
    private final String id;
    private final DebateSpec spec;
    private final Seat[] seats;
    private final Seat judge;
    private final String[] names;
    private final long startNanos;
    private final long deadlineNanos;
    private final Instant createdAt;
    private final CompletableFuture<DebateResult> result = new CompletableFuture<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final Runnable drainTask = this::drain;
    private volatile DebateStatus status = DebateStatus.CREATED;
    private volatile DebateStatus stopRequest;
    private volatile CompletionStage<Void> created;
    private final Queue<FallbackNotice> fallbacks = new ConcurrentLinkedQueue<>();

    // Owned by the debate's steps.
    private boolean begun;
    private boolean ended;
    private boolean timedOut;
    private Completion await;
    private final ArrayDeque<Completion> inFlight = new ArrayDeque<>(4);
    /** Each write is submitted once the one before it is durable, so a stored transcript never has a gap. */
    private CompletionStage<Void> lastWrite;
    private Phase phase;
    private long seenDepartures;
    private int round;
    private long seq;
    private final ArrayList<Message> messages = new ArrayList<>(48);
    private ArrayList<Message> pendingMessages = new ArrayList<>(8);
    private ArrayList<DebateEvent> pendingEvents = new ArrayList<>(8);
    private final ArrayList<Critique> critiques = new ArrayList<>();
    private final ArrayList<Vote> votes = new ArrayList<>();
    private List<Critique> lastCritiques = List.of();
    private BaselineVote baseline;
    private VoteTally lastTally;
    private Map<String, String> lastProposals = Map.of();
    private ArrayList<AgentFailure> failures;
    private long inputTokens;
    private long outputTokens;
    private double costUsd;
    private Convergence convergence;
    private int interventions;
    private int lastInterventionRound;
    private List<String> challenges = List.of();
    private Synthesis synthesis;
    private String judgeProblem;

    Debate(EngineContext engine, String id, DebateSpec spec, AgentInfo[] infos, AgentInfo judgeInfo) {
        this.engine = engine;
        this.id = id;
        this.spec = spec;
        int n = spec.agents().size();
        this.seats = new Seat[n];
        this.names = new String[n];
        RatingService ratings = spec.consensus() == ConsensusMode.WEIGHTED ? engine.ratings : null;
        for (int i = 0; i < n; i++) {
            Seat s = new Seat(spec.agents().get(i), i);
            s.info = infos[i];
            if (ratings != null) {
                s.weight = weight(ratings, s.name);
            }
            seats[i] = s;
            names[i] = s.name;
        }
        Seat j = null;
        if (spec.consensus() == ConsensusMode.JUDGE) {
            String judgeName = spec.effectiveJudge();
            int at = spec.agents().indexOf(judgeName);
            j = at >= 0 ? seats[at] : new Seat(judgeName, -1);
            if (at < 0) {
                j.info = judgeInfo;
            }
        }
        this.judge = j;
        this.startNanos = engine.scheduler.nanoTime();
        this.deadlineNanos = startNanos + spec.debateTimeout().toNanos();
        this.createdAt = engine.scheduler.now();
    }

    // --- DebateHandle

    @Override
    public String id() {
        return id;
    }

    @Override
    public DebateSpec spec() {
        return spec;
    }

    @Override
    public DebateStatus status() {
        return status;
    }

    @Override
    public CompletionStage<Void> stored() {
        return created;
    }

    @Override
    public CompletionStage<DebateResult> result() {
        return result.minimalCompletionStage();
    }

    // --- control from outside the debate's steps

    /** Makes the debate durable and sets it going. */
    void start(String createdBy) {
        created = engine.store.create(new DebateRecord(id, spec, createdBy, DebateStatus.CREATED, 0, false, createdAt, createdAt));
        signal();
    }

    /** Asks the debate to end as {@code stop} (cancelled or interrupted) at its next step. */
    boolean requestStop(DebateStatus stop) {
        if (result.isDone()) {
            return false;
        }
        if (stopRequest == null) {
            stopRequest = stop;
        }
        signal();
        return true;
    }

    /**
     * A provider rerouted one of this debate's calls: the next step records it as an
     * {@code agent_fallback_triggered} event, in order with everything else the debate says.
     */
    void fallback(FallbackNotice notice) {
        if (!result.isDone()) {
            fallbacks.add(notice);
            signal();
        }
    }

    private void recordFallbacks() {
        for (FallbackNotice n = fallbacks.poll(); n != null; n = fallbacks.poll()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("agent", n.agent());
            data.put("reason", n.reason());
            if (n.fromModel() != null) {
                data.put("from_model", n.fromModel());
            }
            if (n.toModel() != null) {
                data.put("to_model", n.toModel());
            }
            if (n.fallbackProvider() != null) {
                data.put("fallback_provider", n.fallbackProvider());
            }
            emit(EventType.AGENT_FALLBACK_TRIGGERED, n.round(), n.agent(), n.at(), data);
        }
    }

    /** Whether the agent a call went to has left the directory. */
    boolean departed(Phase.Call call) {
        Seat s = call.phase.callers[call.slot];
        return !engine.agents.isLive(s.name, call.agent);
    }

    /** Wakes the debate: its next step runs on the engine's executor unless a step is running now. */
    void signal() {
        if (wip.getAndIncrement() == 0) {
            engine.executor.execute(drainTask);
        }
    }

    private void drain() {
        int missed = 1;
        do {
            try {
                step();
            } catch (RuntimeException | Error e) {
                crash(e);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    // --- the state machine

    private void step() {
        if (result.isDone()) {
            return;
        }
        while (!inFlight.isEmpty() && inFlight.peek().done) {
            Completion p = inFlight.poll();
            if (p.failure != null) {
                storageFailed(p.failure);
                return;
            }
            engine.listeners.deliver(p.announce);
        }
        if (await != null) {
            Completion a = await;
            if (!a.done || !inFlight.isEmpty()) {
                return;
            }
            await = null;
            if (a.failure != null) {
                storageFailed(a.failure);
                return;
            }
            if (!ended && stopRequest != null) {
                terminate(stopRequest, null);
                return;
            }
            a.next.run();
            return;
        }
        if (ended) {
            return;
        }
        recordFallbacks();
        if (!begun) {
            // A signal (an agent leaving, say) can wake a debate the arena registered but not yet started.
            if (created == null) {
                return;
            }
            begun = true;
            launch();
            return;
        }
        if (stopRequest != null) {
            terminate(stopRequest, null);
            return;
        }
        if (engine.scheduler.nanoTime() - deadlineNanos >= 0 && !timedOut) {
            timedOut = true;
            timeLimitReached();
            return;
        }
        Phase p = phase;
        if (p == null) {
            return;
        }
        long departures = engine.agents.departures();
        if (departures != seenDepartures || p.recheck) {
            seenDepartures = departures;
            p.recheck = false;
            for (int slot = 0; slot < p.size; slot++) {
                Phase.Call call = p.call(slot);
                if (!p.isFilled(slot) && call != null && departed(call)) {
                    dispatch(p, slot);
                }
            }
        }
        if (p.isComplete()) {
            phase = null;
            p.cancelTimeout();
            switch (p.kind) {
                case Phase.PROPOSE -> onProposals(p);
                case Phase.BASELINE -> onBaseline(p);
                case Phase.CRITIQUE -> onCritiques(p);
                case Phase.VOTE -> onVotes(p);
                default -> onJudge(p);
            }
        }
    }

    private void launch() {
        status = DebateStatus.RUNNING;
        seenDepartures = engine.agents.departures();
        lastWrite = created;
        awaitThen(created, () -> {
            behind(() -> engine.store.updateStatus(id, DebateStatus.RUNNING, 0), List.of());
            Instant at = engine.scheduler.now();
            emit(EventType.DEBATE_START, 0, null, at, Map.of("task", spec.task(), "agents", spec.agents(), "rounds",
                    spec.rounds(), "consensus", Wire.of(spec.consensus())));
            round = 1;
            emit(EventType.ROUND_START, 1, null, at, Map.of("rounds", spec.rounds()));
            flush(this::dispatchProposals);
        });
    }

    // --- proposals and revisions

    private void dispatchProposals() {
        Turn turn = turn();
        Phase p = new Phase(Phase.PROPOSE, round, live());
        int slot = 0;
        for (Seat s : seats) {
            if (s.dropped) {
                continue;
            }
            p.callers[slot] = s;
            p.requests[slot++] = new ProposalRequest(turn, round == 1 ? null : s.proposal, s.received, challenges);
            s.received = null;
        }
        challenges = List.of();
        run(p);
    }

    private void onProposals(Phase p) {
        Instant at = engine.scheduler.now();
        double leastSimilar = 2;
        for (int slot = 0; slot < p.size; slot++) {
            Seat s = p.callers[slot];
            Object answer = p.result(slot);
            answeredBy(s, p.call(slot));
            if (answer instanceof Proposal proposal && !proposal.content().isBlank()) {
                String content = proposal.content();
                TextProfile profile = TextProfile.of(content);
                boolean revision = s.proposal != null;
                if (revision) {
                    leastSimilar = Math.min(leastSimilar, ConvergenceDetector.similarity(engine.similarity, s.proposal,
                            s.profile, content, profile));
                }
                s.proposal = content;
                s.profile = profile;
                usage(s, proposal.usage());
                Message m = say(PROPOSER, s.name, content, at);
                emit(EventType.AGENT_MESSAGE, round, s.name, at,
                        Map.of("role", PROPOSER, EventData.CONTENT, content, EventData.INDEX, m.index(), "revision", revision));
            } else {
                failed(s, p.kind, answer, at);
            }
        }
        if (round == 1 && proposals().isEmpty()) {
            terminate(DebateStatus.FAILED, "no agent produced a proposal");
            return;
        }
        // Each agent's revision against its own previous proposal; the least similar decides.
        if (leastSimilar <= 1) {
            convergence = ConvergenceDetector.classify(leastSimilar);
            emit(EventType.CONVERGENCE_DETECTED, round, null, at,
                    Map.of("status", Wire.of(convergence), "similarity", Decimals.round(leastSimilar, 3)));
        }
        flush(round == 1 ? this::dispatchBaseline : this::dispatchCritiques);
    }

    // --- the independent baseline vote

    private void dispatchBaseline() {
        dispatchVotes(Phase.BASELINE);
    }

    private void onBaseline(Phase p) {
        Instant at = engine.scheduler.now();
        Ballots ballots = collectVotes(p, at, true);
        VoteTally tally = ballots.tally(names, false);
        String winner = tally.leader();
        baseline = new BaselineVote(winner, Decimals.round(tally.share(), 4), ballots.valid);
        flush(this::dispatchCritiques);
    }

    // --- critiques

    private void dispatchCritiques() {
        Turn turn = turn();
        int pairs = 0;
        for (Seat critic : seats) {
            if (!critic.dropped) {
                for (Seat target : seats) {
                    if (target != critic && target.proposal != null) {
                        pairs++;
                    }
                }
            }
        }
        if (pairs == 0) {
            dispatchVotes(Phase.VOTE);
            return;
        }
        Phase p = new Phase(Phase.CRITIQUE, round, pairs);
        int slot = 0;
        for (Seat critic : seats) {
            if (critic.dropped) {
                continue;
            }
            for (Seat target : seats) {
                if (target != critic && target.proposal != null) {
                    p.callers[slot] = critic;
                    p.targets[slot] = target;
                    p.requests[slot++] = new CritiqueRequest(turn, target.name, target.proposal);
                }
            }
        }
        run(p);
    }

    private void onCritiques(Phase p) {
        Instant at = engine.scheduler.now();
        List<Critique> thisRound = new ArrayList<>(p.size);
        for (int slot = 0; slot < p.size; slot++) {
            Seat critic = p.callers[slot];
            Seat target = p.targets[slot];
            Object answer = p.result(slot);
            answeredBy(critic, p.call(slot));
            if (answer instanceof Critique c) {
                Critique critique = c.agent().equals(critic.name) && c.target().equals(target.name) && c.round() == round ? c
                        : new Critique(critic.name, target.name, round, c.issues(), c.suggestions(), c.severity(),
                                c.reasoning(), c.usage());
                usage(critic, critique.usage());
                critiques.add(critique);
                thisRound.add(critique);
                if (target.received == null) {
                    target.received = new ArrayList<>(seats.length - 1);
                }
                target.received.add(critique);
                String content = critiqueText(critique);
                Message m = say(CRITIC, critic.name, content, at);
                emit(EventType.CRITIQUE, round, critic.name, at, Map.of(EventData.TARGET, target.name, EventData.SEVERITY,
                        critique.severity(), "issues", critique.issues(), EventData.CONTENT, content, EventData.INDEX, m.index()));
            } else {
                failed(critic, p.kind, answer, at);
            }
        }
        lastCritiques = thisRound;
        flush(() -> dispatchVotes(Phase.VOTE));
    }

    // --- votes

    private void dispatchVotes(int kind) {
        Turn turn = turn();
        Map<String, String> proposals = proposals();
        lastProposals = proposals;
        Phase p = new Phase(kind, round, live());
        int slot = 0;
        for (Seat s : seats) {
            if (!s.dropped) {
                p.callers[slot] = s;
                p.requests[slot++] = new VoteRequest(turn, proposals, kind == Phase.BASELINE);
            }
        }
        run(p);
    }

    private void onVotes(Phase p) {
        Instant at = engine.scheduler.now();
        Ballots ballots = collectVotes(p, at, false);
        votes.addAll(ballots.valid);
        VoteTally tally = ballots.tally(names, spec.consensus() == ConsensusMode.WEIGHTED);
        lastTally = tally;
        boolean quorate = tally.validVotes() >= VoteTally.quorum(seats.length);
        boolean reached = quorate && tally.reached(spec.consensus(), spec.threshold());
        boolean challenged = engine.settings.trickster() && challenge(tally, at);
        boolean last = round >= spec.rounds();
        boolean early = !last && round >= spec.minRounds() && reached && !challenged && spec.consensus() != ConsensusMode.NONE;
        if (last || early) {
            flush(this::afterVoting);
            return;
        }
        int next = round + 1;
        emit(EventType.ROUND_START, next, null, at, Map.of("rounds", spec.rounds()));
        int finished = round;
        flush(() -> {
            behind(() -> engine.store.updateStatus(id, DebateStatus.RUNNING, finished), List.of());
            round = next;
            dispatchProposals();
        });
    }

    /** Valid votes of one phase: a vote counts when it names an agent with a proposal. */
    private static final class Ballots {
        final List<Vote> valid;
        final int[] voter;
        final int[] choice;
        final double[] weight;
        final double[] confidence;

        Ballots(int size) {
            valid = new ArrayList<>(size);
            voter = new int[size];
            choice = new int[size];
            weight = new double[size];
            confidence = new double[size];
        }

        VoteTally tally(String[] names, boolean weighted) {
            if (!weighted) {
                java.util.Arrays.fill(weight, 1);
            }
            return VoteTally.count(names, voter, choice, weight, confidence, valid.size());
        }
    }

    private Ballots collectVotes(Phase p, Instant at, boolean isBaseline) {
        Ballots ballots = new Ballots(p.size);
        RatingService ratings = engine.ratings;
        for (int slot = 0; slot < p.size; slot++) {
            Seat s = p.callers[slot];
            Object answer = p.result(slot);
            answeredBy(s, p.call(slot));
            if (!(answer instanceof Vote v)) {
                failed(s, p.kind, answer, at);
                continue;
            }
            int choice = seatOf(v.choice());
            if (choice < 0 || seats[choice].proposal == null) {
                failed(s, p.kind, new Failure(AgentException.Kind.UNPARSEABLE,
                        "voted for '" + clip(v.choice()) + "', which has no proposal in this debate"), at);
                continue;
            }
            Vote vote = v.agent().equals(s.name) && v.round() == round ? v
                    : new Vote(s.name, v.choice(), round, v.confidence(), v.reasoning(), v.continueDebate(), v.usage());
            usage(s, vote.usage());
            double calibrated = calibrated(ratings, s.name, vote.confidence());
            int n = ballots.valid.size();
            ballots.voter[n] = s.index;
            ballots.choice[n] = choice;
            ballots.weight[n] = s.weight;
            ballots.confidence[n] = calibrated;
            ballots.valid.add(vote);
            String content = voteText(vote, isBaseline);
            Message m = say(VOTER, s.name, content, at);
            emit(EventType.VOTE, round, s.name, at, Map.of(EventData.CHOICE, vote.choice(), EventData.CONFIDENCE, vote.confidence(),
                    "calibrated_confidence", Decimals.round(calibrated, 4), EventData.BASELINE, isBaseline, EventData.CONTENT, content,
                    EventData.INDEX, m.index()));
        }
        return ballots;
    }

    /** The Trickster's look at this round's agreement; true when it intervened. */
    private boolean challenge(VoteTally tally, Instant at) {
        if (!Trickster.mayIntervene(interventions, lastInterventionRound, round)) {
            return false;
        }
        Trickster.Finding finding = Trickster.inspect(tally, name -> {
            int i = seatOf(name);
            return i < 0 ? null : seats[i].profile;
        }, engine.settings.hollowQuality());
        if (finding == null) {
            return false;
        }
        interventions++;
        lastInterventionRound = round;
        String text = Trickster.challenge(finding);
        challenges = List.of(text);
        Message m = say(TRICKSTER, null, text, at);
        emit(EventType.TRICKSTER_INTERVENTION, round, null, at, Map.of("targets", finding.hollow(), "leader",
                finding.leader(), "severity", Decimals.round(finding.severity(), 3), "intervention", interventions,
                "challenge", text, "next_round", round < spec.rounds(), EventData.INDEX, m.index()));
        return true;
    }

    private void afterVoting() {
        boolean quorate = lastTally != null && lastTally.validVotes() >= VoteTally.quorum(seats.length);
        if (judge != null && quorate && !timedOut) {
            dispatchJudge();
        } else {
            if (judge != null && quorate) {
                judgeProblem = "the debate's time limit left no time for the judge";
            }
            conclude();
        }
    }

    // --- judge mode

    private void dispatchJudge() {
        Phase p = new Phase(Phase.JUDGE, round, 1);
        p.callers[0] = judge;
        p.requests[0] = new SynthesisRequest(turn(), lastProposals, lastCritiques);
        run(p);
    }

    private void onJudge(Phase p) {
        Instant at = engine.scheduler.now();
        Object answer = p.result(0);
        answeredBy(judge, p.call(0));
        if (answer instanceof Synthesis s && !s.finalAnswer().isBlank()) {
            synthesis = s;
            usage(judge, s.usage());
            Message m = say(JUDGE, judge.name, s.finalAnswer(), at);
            emit(EventType.AGENT_MESSAGE, round, judge.name, at, Map.of("role", JUDGE, EventData.CONTENT, s.finalAnswer(),
                    EventData.INDEX, m.index(), "confidence", s.confidence()));
        } else {
            Failure f = answer instanceof Failure x ? x : new Failure(AgentException.Kind.UNPARSEABLE, "an empty synthesis");
            judgeProblem = "judge " + judge.name + " failed (" + f.message() + ")";
            failed(judge, p.kind, f, at);
        }
        flush(this::conclude);
    }

    // --- the decision

    private void conclude() {
        Instant at = engine.scheduler.now();
        VoteTally t = lastTally;
        ConsensusMode mode = spec.consensus();
        int quorum = VoteTally.quorum(seats.length);
        DebateStatus outcome = null;
        boolean reached;
        double confidence;
        String winner;
        String answer;
        List<String> supporters;
        List<String> dissenters;
        if (t == null || t.validVotes() < quorum) {
            outcome = DebateStatus.INSUFFICIENT_PARTICIPATION;
            reached = false;
            confidence = 0;
            winner = t == null ? null : t.leader();
            answer = proposalOf(winner);
            supporters = winner == null ? List.of() : t.backers(winner);
            dissenters = winner == null ? List.of() : t.opponents(winner);
            say(SYSTEM, null, "Insufficient participation: " + (t == null ? 0 : t.validVotes()) + " valid votes of "
                    + seats.length + " agents; a decision needs " + quorum + ".", at);
        } else if (mode == ConsensusMode.NONE) {
            reached = false;
            confidence = t.share();
            winner = null;
            answer = sideBySide();
            supporters = List.of();
            dissenters = List.of();
        } else if (mode == ConsensusMode.JUDGE && synthesis != null) {
            reached = true;
            confidence = synthesis.confidence();
            winner = synthesis.adopted() != null && seatOf(synthesis.adopted()) >= 0 ? synthesis.adopted() : null;
            answer = synthesis.finalAnswer();
            supporters = winner != null ? t.backers(winner) : t.voters();
            dissenters = winner != null ? t.opponents(winner) : List.of();
        } else {
            winner = t.leader();
            confidence = t.share();
            answer = proposalOf(winner);
            supporters = t.backers(winner);
            dissenters = t.opponents(winner);
            if (mode == ConsensusMode.JUDGE) {
                boolean majority = t.reached(ConsensusMode.MAJORITY, spec.threshold());
                reached = majority || t.hasSingleLeader();
                say(SYSTEM, null, (judgeProblem != null ? judgeProblem : "the judge gave no synthesis")
                        + (majority ? "; decided by majority vote." : "; decided by a plain vote count."), at);
            } else {
                reached = t.reached(mode, spec.threshold());
            }
        }
        if (outcome == null) {
            confidence = Trickster.penalized(confidence, interventions);
            outcome = reached ? DebateStatus.CONSENSUS_REACHED : DebateStatus.COMPLETED;
        }
        confidence = Decimals.round(confidence, 4);
        List<String> views = new ArrayList<>(dissenters.size());
        for (String d : dissenters) {
            String view = proposalOf(d);
            views.add(d + ": " + (view != null ? view : "(no proposal)"));
        }
        Verdict verdict = VerdictTable.verdict(reached, confidence, !dissenters.isEmpty());
        ConsensusOutcome consensus = new ConsensusOutcome(reached, confidence, supporters, dissenters, mode, winner);
        DebateResult decided = result(outcome, answer, consensus, verdict, winner, views, at, null);
        if (outcome != DebateStatus.INSUFFICIENT_PARTICIPATION) {
            rate(decided);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reached", reached);
        data.put("confidence", confidence);
        data.put("method", Wire.of(mode));
        data.put("supporting_agents", supporters);
        data.put("dissenting_agents", dissenters);
        data.put("verdict", Wire.of(verdict));
        if (winner != null) {
            data.put("winner", winner);
        }
        emit(EventType.CONSENSUS, round, null, at, data);
        ReceiptService receipts = engine.receipts;
        if (receipts == null || !engine.settings.receipts()) {
            finish(decided, at);
            return;
        }
        // Decided: a cancel or shutdown from here on no longer turns the decision (rated, being signed) into another end.
        ended = true;
        // Signing takes a while: it runs on a receipt thread, never holding up other debates' steps;
        // storing it is shared with the receipts of other debates and holds no thread.
        CompletableFuture<String> receipt = CompletableFuture
                .supplyAsync(() -> receipts.issueAsync(DecisionRecords.of(decided)), engine.receiptExecutor)
                .thenCompose(issued -> issued)
                .handle((issued, failure) -> {
                    if (failure != null) {
                        LOG.warn("no receipt was issued for debate {}: {}", id, unwrap(failure).toString());
                        return null;
                    }
                    return issued.receiptId();
                });
        awaitThen(receipt, () -> {
            String receiptId = receipt.join();
            finish(receiptId == null ? decided : decided.withReceipt(receiptId), at);
        });
    }

    private void timeLimitReached() {
        Phase cut = phase;
        abandonPhase();
        if (cut != null && cut.kind == Phase.JUDGE) {
            judgeProblem = "the debate's time limit passed before judge " + judge.name + " answered";
        }
        Instant at = engine.scheduler.now();
        long seconds = spec.debateTimeout().toSeconds();
        if (lastTally == null) {
            terminate(DebateStatus.FAILED, "the debate's time limit of " + seconds + " s passed before any vote");
            return;
        }
        say(SYSTEM, null, "The debate's time limit of " + seconds + " s passed in round " + round
                + "; the last completed vote decides.", at);
        conclude();
    }

    /** Ends without a decision: cancelled, interrupted, or failed. */
    private void terminate(DebateStatus end, String reason) {
        abandonPhase();
        Instant at = engine.scheduler.now();
        String why = reason != null ? reason
                : end == DebateStatus.CANCELLED ? "The debate was cancelled."
                : "Interrupted: the server stopped while the debate ran.";
        say(SYSTEM, null, why, at);
        finish(result(end, null, null, null, null, List.of(), at, null), at);
    }

    private void finish(DebateResult done, Instant at) {
        ended = true;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", Wire.of(done.status()));
        if (done.verdict() != null) {
            data.put("verdict", Wire.of(done.verdict()));
            data.put("confidence", done.confidence());
        }
        data.put("rounds_used", done.roundsUsed());
        data.put("duration_seconds", done.durationSeconds());
        if (done.receiptId() != null) {
            data.put("receipt_id", done.receiptId());
        }
        emit(EventType.DEBATE_END, 0, null, at, data);
        List<Message> said = takeMessages();
        List<DebateEvent> events = takeEvents();
        awaitThen(chain(() -> engine.store.complete(done, said, events)), () -> resolve(done, events));
    }

    private void resolve(DebateResult done, List<DebateEvent> events) {
        engine.listeners.deliver(events);
        status = done.status();
        // Out of the engine's count before anyone waiting on the result starts the next debate.
        engine.finished.accept(this);
        result.complete(done);
    }

    /** A write failed: nothing more is announced, the debate ends as failed. */
    private void storageFailed(Throwable failure) {
        LOG.warn("debate {} failed: its store refused a write: {}", id, failure.toString());
        ended = true;
        inFlight.clear();
        abandonPhase();
        say(SYSTEM, null, "Failed: the debate could not be stored.", engine.scheduler.now());
        DebateResult failed = result(DebateStatus.FAILED, null, null, null, null, List.of(), engine.scheduler.now(), null);
        storeFailure(failed);
        status = DebateStatus.FAILED;
        engine.finished.accept(this);
        result.complete(failed);
    }

    /** The failed result, stored after the writes already under way so that none lands after it; a refusal is logged. */
    private void storeFailure(DebateResult failed) {
        CompletionStage<Void> before = lastWrite == null ? CompletableFuture.completedFuture(null) : lastWrite;
        before.handle((ignored, earlier) -> null)
                .thenCompose(ignored -> engine.store.complete(failed))
                .whenComplete((ignored, refused) -> {
                    if (refused != null) {
                        LOG.warn("debate {}: its failed result could not be stored: {}", id, refused.toString());
                    }
                });
    }

    private void crash(Throwable e) {
        LOG.error("debate {} failed in round {}", id, round, e);
        if (result.isDone()) {
            return;
        }
        ended = true;
        await = null;
        inFlight.clear();
        abandonPhase();
        DebateResult failed = result(DebateStatus.FAILED, null, null, null, null, List.of(), engine.scheduler.now(), null);
        try {
            storeFailure(failed);
        } finally {
            status = DebateStatus.FAILED;
            engine.finished.accept(this);
            result.complete(failed);
        }
    }

    private void rate(DebateResult decided) {
        RatingService ratings = engine.ratings;
        if (ratings == null || decided.status() == DebateStatus.INSUFFICIENT_PARTICIPATION) {
            return;
        }
        try {
            ratings.record(decided);
        } catch (RuntimeException e) {
            LOG.warn("ratings were not updated for debate {}: {}", id, e.toString());
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private DebateResult result(DebateStatus end, String answer, ConsensusOutcome consensus, Verdict verdict, String winner,
            List<String> views, Instant at, String receiptId) {
        double seconds = Decimals.round((engine.scheduler.nanoTime() - startNanos) / 1e9, 3);
        return new DebateResult(id, spec, end, answer, consensus, verdict, Math.max(round, 1), seconds, participants(),
                winner, views, messages, critiques, votes, baseline, convergence, interventions,
                failures == null ? List.of() : failures, new UsageTotals(inputTokens, outputTokens, costUsd), createdAt, at,
                receiptId);
    }

    // --- calling agents

    private void run(Phase p) {
        phase = p;
        for (int slot = 0; slot < p.size; slot++) {
            dispatch(p, slot);
        }
        if (p.size == 0) {
            signal();
        } else if (!p.isComplete()) {
            long now = engine.scheduler.nanoTime();
            long limit = Math.min(spec.agentTimeout().toNanos(), deadlineNanos - now);
            p.timeout = engine.scheduler.schedule(() -> expire(p), Math.max(0, limit));
        }
    }

    private void expire(Phase p) {
        long seconds = Math.max(1, spec.agentTimeout().toSeconds());
        Failure late = new Failure(AgentException.Kind.TIMEOUT, "no answer within " + seconds + " s");
        for (int slot = 0; slot < p.size; slot++) {
            if (p.offer(slot, late)) {
                signal();
            }
        }
    }

    private void dispatch(Phase p, int slot) {
        Seat s = p.callers[slot];
        Agent agent = engine.agents.current(s.name);
        if (agent != null) {
            invoke(p, slot, agent);
            return;
        }
        p.setCall(slot, null);
        long grace = engine.settings.successorGraceNanos();
        engine.agents.successor(s.name, grace).whenComplete((successor, failure) -> {
            if (successor != null) {
                invoke(p, slot, successor);
            } else if (p.offer(slot, new Failure(AgentException.Kind.GONE, "the agent's bundle went away and no successor registered within "
                    + grace / 1_000_000 + " ms"))) {
                signal();
            }
        });
    }

    private void invoke(Phase p, int slot, Agent agent) {
        Phase.Call call = new Phase.Call(this, p, slot, agent);
        p.setCall(slot, call);
        CompletionStage<?> answer;
        try {
            answer = switch (p.kind) {
                case Phase.PROPOSE -> agent.propose((ProposalRequest) p.requests[slot]);
                case Phase.CRITIQUE -> agent.critique((CritiqueRequest) p.requests[slot]);
                case Phase.JUDGE -> agent.synthesize((SynthesisRequest) p.requests[slot]);
                default -> agent.vote((VoteRequest) p.requests[slot]);
            };
        } catch (RuntimeException | LinkageError e) {
            call.accept(null, e);
            return;
        }
        if (answer == null) {
            call.accept(null, null);
        } else {
            answer.whenComplete(call);
        }
    }

    private void abandonPhase() {
        Phase p = phase;
        if (p != null) {
            p.cancelTimeout();
            phase = null;
        }
    }

    private Turn turn() {
        long now = engine.scheduler.nanoTime();
        long limit = Math.min(spec.agentTimeout().toNanos(), Math.max(0, deadlineNanos - now));
        return new Turn(id, spec.task(), spec.context(), round, engine.scheduler.now().plusNanos(limit), spec.seed(), null);
    }

    // --- the transcript and events

    private Message say(String role, String agent, String content, Instant at) {
        Message m = new Message(messages.size(), role, agent, content, round, at);
        messages.add(m);
        pendingMessages.add(m);
        return m;
    }

    private void emit(EventType type, int eventRound, String agent, Instant at, Map<String, Object> data) {
        pendingEvents.add(new DebateEvent(id, ++seq, type, at, eventRound, agent, data));
    }

    /**
     * Writes what this step said and goes on at once: the next phase's agent calls overlap the
     * write, and what was said is announced only once it is durable.
     */
    private void flush(Runnable next) {
        List<Message> said = takeMessages();
        List<DebateEvent> events = takeEvents();
        if (!said.isEmpty() || !events.isEmpty()) {
            behind(() -> engine.store.append(id, said, events), events);
        }
        next.run();
    }

    private void behind(Supplier<CompletionStage<Void>> write, List<DebateEvent> announce) {
        Completion p = new Completion(this, announce, null);
        inFlight.add(p);
        chain(write).whenComplete(p);
    }

    private CompletionStage<Void> chain(Supplier<CompletionStage<Void>> write) {
        CompletionStage<Void> w = lastWrite.thenCompose(ignored -> write.get());
        lastWrite = w;
        return w;
    }

    private void awaitThen(CompletionStage<?> write, Runnable next) {
        Completion a = new Completion(this, List.of(), next);
        await = a;
        write.whenComplete(a);
    }

    private List<Message> takeMessages() {
        if (pendingMessages.isEmpty()) {
            return List.of();
        }
        List<Message> taken = pendingMessages;
        pendingMessages = new ArrayList<>(8);
        return taken;
    }

    private List<DebateEvent> takeEvents() {
        if (pendingEvents.isEmpty()) {
            return List.of();
        }
        List<DebateEvent> taken = pendingEvents;
        pendingEvents = new ArrayList<>(8);
        return taken;
    }

    private void failed(Seat s, int kind, Object answer, Instant at) {
        Failure f = answer instanceof Failure x ? x
                : new Failure(AgentException.Kind.UNPARSEABLE, answer == null ? "no answer" : "an answer of the wrong kind");
        if (failures == null) {
            failures = new ArrayList<>(4);
        }
        String phaseName = Phase.name(kind);
        failures.add(new AgentFailure(s.name, round, phaseName, f.kind(), f.message()));
        if (f.kind() == AgentException.Kind.GONE) {
            s.dropped = true;
        }
        LOG.debug("debate {}: agent {} failed to {} in round {}: {} {}", id, s.name, phaseName, round, f.kind(), f.message());
        emit(EventType.AGENT_FAILURE, round, s.name, at, Map.of("phase", phaseName, "kind", Wire.of(f.kind()), "message", f.message(), "dropped", s.dropped));
    }

    // --- small helpers

    private void answeredBy(Seat s, Phase.Call call) {
        if (call != null && call.agent != s.agent) {
            s.agent = call.agent;
            try {
                AgentInfo info = call.agent.info();
                if (info != null) {
                    s.info = info;
                }
            } catch (RuntimeException e) {
                // keep what was known: the agent still answered
            }
        }
    }

    private void usage(Seat s, Usage u) {
        if (u == null) {
            return;
        }
        inputTokens += u.inputTokens();
        outputTokens += u.outputTokens();
        if (u.costUsd() != null) {
            costUsd += u.costUsd();
        }
        if (u.model() != null) {
            s.answeredBy = u.model();
        }
    }

    private int live() {
        int n = 0;
        for (Seat s : seats) {
            if (!s.dropped) {
                n++;
            }
        }
        return n;
    }

    private int seatOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private String proposalOf(String name) {
        int i = name == null ? -1 : seatOf(name);
        return i < 0 ? null : seats[i].proposal;
    }

    private Map<String, String> proposals() {
        Map<String, String> current = new LinkedHashMap<>();
        for (Seat s : seats) {
            if (s.proposal != null) {
                current.put(s.name, s.proposal);
            }
        }
        return Map.copyOf(current);
    }

    private String sideBySide() {
        StringBuilder text = new StringBuilder(512);
        for (Seat s : seats) {
            if (s.proposal != null) {
                text.append(text.length() == 0 ? "" : "\n\n").append(s.name).append(": ").append(s.proposal);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private List<Participant> participants() {
        List<Participant> list = new ArrayList<>(seats.length + 1);
        for (Seat s : seats) {
            list.add(participant(s));
        }
        if (judge != null && judge.index < 0) {
            list.add(participant(judge));
        }
        return list;
    }

    private static Participant participant(Seat s) {
        AgentInfo info = s.info;
        String model = s.answeredBy != null ? s.answeredBy : info == null ? null : info.model();
        return info == null ? new Participant(s.name, null, model, null, null)
                : new Participant(s.name, info.provider(), model, info.modelFamily(), info.version());
    }

    private static double weight(RatingService ratings, String agent) {
        try {
            return Math.max(0.1, Math.min(5.0, ratings.voteWeight(agent)));
        } catch (RuntimeException e) {
            return 1;
        }
    }

    private static double calibrated(RatingService ratings, String agent, double stated) {
        if (ratings == null) {
            return stated;
        }
        try {
            double c = ratings.calibratedConfidence(agent, stated);
            return c >= 0 && c <= 1 ? c : stated;
        } catch (RuntimeException e) {
            return stated;
        }
    }

    private static String critiqueText(Critique c) {
        int size = c.target().length() + 40 + c.reasoning().length();
        for (String issue : c.issues()) {
            size += issue.length() + 2;
        }
        for (String suggestion : c.suggestions()) {
            size += suggestion.length() + 2;
        }
        StringBuilder text = new StringBuilder(size);
        text.append(c.target()).append(", severity ");
        Decimals.append(text, c.severity(), c.severity() == Math.rint(c.severity()) ? 0 : 1).append("/10.");
        join(text, " Issues: ", c.issues());
        join(text, " Suggestions: ", c.suggestions());
        if (!c.reasoning().isBlank()) {
            text.append(' ').append(c.reasoning());
        }
        return text.toString();
    }

    private static void join(StringBuilder text, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        text.append(label);
        for (int i = 0; i < items.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(items.get(i));
        }
        text.append('.');
    }

    private static String voteText(Vote v, boolean isBaseline) {
        StringBuilder text = new StringBuilder(48 + v.reasoning().length());
        if (isBaseline) {
            text.append("Baseline vote: ");
        }
        text.append(v.choice()).append(" (confidence ");
        Decimals.append(text, v.confidence(), 2).append(')');
        if (!v.reasoning().isBlank()) {
            text.append(": ").append(v.reasoning());
        }
        return text.toString();
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }
}
