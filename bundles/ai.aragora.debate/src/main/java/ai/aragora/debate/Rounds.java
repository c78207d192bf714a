package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.debate.BaselineVote;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;

/**
 * The debate's rounds, phase by phase: which phase follows which, and what each phase's answers
 * add to the debate. Per round: proposals (round 1) or revisions, the baseline vote (round 1 only,
 * before any critique), a critique of every other agent's current proposal, the votes; after the
 * last round (or an early stop) the judge, in judge mode; in a gauntlet the last round's vote
 * waits for the contrarian's attack and the leader's defence ({@link Gauntlet}). Each phase's messages and events are
 * handed to the debate's writes before the next phase is asked for.
 */
final class Rounds {

    private final EngineContext engine;
    private final Debate debate;
    private final Seats seats;
    private final Transcript transcript;
    private final PhaseRunner runner;
    private final UsageMeter usage;
    private final AgentFailures failures;
    private final Voting voting;
    private final Critiquing critiquing;

    private int round;
    private final ArrayList<Vote> votes = new ArrayList<>();
    private BaselineVote baseline;
    private VoteTally lastTally;
    private Map<String, String> lastProposals = Map.of();
    private Convergence convergence;
    private List<String> challenges = List.of();
    private Synthesis synthesis;
    private String judgeProblem;
    private boolean attacked;
    private Replay replay;

    Rounds(EngineContext engine, Debate debate, Seats seats, Transcript transcript, PhaseRunner runner, UsageMeter usage) {
        this.engine = engine;
        this.debate = debate;
        this.seats = seats;
        this.transcript = transcript;
        this.runner = runner;
        this.usage = usage;
        this.failures = new AgentFailures(debate.id(), transcript);
        this.voting = new Voting(engine, debate, seats, transcript, usage, failures);
        this.critiquing = new Critiquing(seats, transcript, usage, failures);
    }

    /** Round 1 starts: announced with the debate's start, then the proposals are asked for. */
    void begin(Instant at) {
        round = 1;
        transcript.emit(EventType.ROUND_START, 1, null, at, EventData.of("rounds", debate.spec().rounds()));
        debate.flush();
        dispatchProposals();
    }

    /** The stored state a resumed debate goes on from. */
    void replay(Replay r) {
        replay = r;
    }

    boolean resuming() {
        return replay != null;
    }

    /**
     * A resumed debate starts again the round after its last durable one: the state that round
     * left, rebuilt from the stored transcript, and a note in the transcript saying so.
     */
    void resume(Instant at) {
        Replay r = replay;
        round = r.round;
        votes.addAll(r.votes);
        critiquing.resume(r.critiques, r.lastCritiques);
        baseline = r.baseline;
        lastTally = r.lastTally;
        lastProposals = seats.proposals();
        convergence = r.convergence;
        challenges = r.challenges;
        attacked = r.attacked;
        voting.resume(r.interventions, r.lastInterventionRound);
        transcript.say(Roles.SYSTEM, null, "Resumed: the instance running the debate stopped; round " + round
                + " starts again from the stored transcript.", round, at);
        transcript.emit(EventType.ROUND_START, round, null, at, EventData.of("rounds", debate.spec().rounds(), "resumed", true));
        debate.flush();
        dispatchProposals();
    }

    // --- proposals and revisions

    private void dispatchProposals() {
        Turn turn = runner.turn(round);
        Phase.Proposals p = new Phase.Proposals(round, seats.live());
        int slot = 0;
        for (Seat s : seats.all) {
            if (s.dropped) {
                continue;
            }
            p.callers[slot] = s;
            p.requests[slot++] = new ProposalRequest(turn, round == 1 ? null : s.proposal, s.received, challenges);
            s.received = null;
        }
        challenges = List.of();
        runner.run(p);
    }

    void onProposals(Phase.Proposals p) {
        Instant at = engine.scheduler.now();
        double leastSimilar = 2;
        for (int slot = 0; slot < p.size; slot++) {
            Seat s = p.callers[slot];
            Object answer = p.result(slot);
            s.answered(p.call(slot));
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
                usage.add(s, proposal.usage());
                Message m = transcript.say(Roles.PROPOSER, s.name, content, round, at);
                transcript.emit(EventType.AGENT_MESSAGE, round, s.name, at,
                        EventData.of("role", Roles.PROPOSER, EventData.CONTENT, content, EventData.INDEX, m.index(), "revision", revision));
            } else {
                failures.add(s, p, answer, at);
            }
        }
        if (round == 1 && seats.proposals().isEmpty()) {
            debate.terminate(DebateStatus.FAILED, "no agent produced a proposal");
            return;
        }
        // Each agent's revision against its own previous proposal; the least similar decides.
        if (leastSimilar <= 1) {
            convergence = ConvergenceDetector.classify(leastSimilar);
            transcript.emit(EventType.CONVERGENCE_DETECTED, round, null, at,
                    EventData.of("status", Wire.of(convergence), "similarity", Decimals.round(leastSimilar, 3)));
        }
        debate.flush();
        if (p.defence) {
            dispatchVotes(false);
        } else if (round == 1) {
            dispatchVotes(true);
        } else {
            dispatchCritiques();
        }
    }

    // --- the independent baseline vote

    void onBaseline(Phase.Votes p) {
        Instant at = engine.scheduler.now();
        Ballots ballots = voting.collect(p, round, at);
        VoteTally tally = ballots.tally(seats.names, false);
        baseline = new BaselineVote(tally.leader(), Decimals.round(tally.share(), 4), ballots.valid);
        debate.flush();
        dispatchCritiques();
    }

    // --- critiques

    private void dispatchCritiques() {
        Phase.Critiques p = critiquing.phase(round, runner.turn(round));
        if (p == null) {
            beforeVote();
            return;
        }
        runner.run(p);
    }

    void onCritiques(Phase.Critiques p) {
        critiquing.collect(p, round, engine.scheduler.now());
        debate.flush();
        beforeVote();
    }

    // --- the gauntlet's attack and the leader's defence

    private void beforeVote() {
        Seat contrarian = Gauntlet.contrarian(debate.spec(), seats, round, attacked);
        Seat leader = contrarian == null ? null
                : Gauntlet.leader(seats, lastTally != null ? lastTally.leader() : baseline == null ? null : baseline.winner());
        if (leader == null) {
            dispatchVotes(false);
            return;
        }
        attacked = true;
        Phase.Critiques p = new Phase.Critiques(round, 1, true);
        p.callers[0] = contrarian;
        p.targets[0] = leader;
        p.requests[0] = new CritiqueRequest(runner.turn(round), leader.name, leader.proposal);
        runner.run(p);
    }

    void onAttack(Phase.Critiques p) {
        Instant at = engine.scheduler.now();
        Seat contrarian = p.callers[0];
        Seat leader = p.targets[0];
        Object answer = p.result(0);
        contrarian.answered(p.call(0));
        if (!(answer instanceof Critique c)) {
            failures.add(contrarian, p, answer, at);
            debate.flush();
            dispatchVotes(false);
            return;
        }
        Critique attack = critiquing.kept(contrarian, leader, c, round);
        String content = TranscriptText.critique(attack);
        Message m = transcript.say(Gauntlet.ROLE, contrarian.name, content, round, at);
        transcript.emit(EventType.CRITIQUE, round, contrarian.name, at, EventData.of(EventData.TARGET, leader.name,
                EventData.SEVERITY, attack.severity(), "issues", attack.issues(), EventData.CONTENT, content,
                EventData.INDEX, m.index(), "role", Gauntlet.ROLE));
        debate.flush();
        Phase.Proposals defence = new Phase.Proposals(round, 1, true);
        defence.callers[0] = leader;
        defence.requests[0] = new ProposalRequest(runner.turn(round), leader.proposal, List.of(attack), List.of());
        runner.run(defence);
    }

    // --- votes

    private void dispatchVotes(boolean isBaseline) {
        Turn turn = runner.turn(round);
        Map<String, String> proposals = seats.proposals();
        lastProposals = proposals;
        Phase.Votes p = new Phase.Votes(round, seats.live(), new VoteRequest(turn, proposals, isBaseline));
        int slot = 0;
        for (Seat s : seats.all) {
            if (!s.dropped) {
                p.callers[slot++] = s;
            }
        }
        runner.run(p);
    }

    void onVotes(Phase.Votes p) {
        Instant at = engine.scheduler.now();
        Ballots ballots = voting.collect(p, round, at);
        votes.addAll(ballots.valid);
        ConsensusMode mode = debate.spec().consensus();
        VoteTally tally = ballots.tally(seats.names, mode == ConsensusMode.WEIGHTED);
        lastTally = tally;
        boolean quorate = tally.validVotes() >= VoteTally.quorum(seats.size());
        boolean reached = quorate && tally.reached(mode, debate.spec().threshold());
        boolean challenged = false;
        if (engine.settings.trickster()) {
            String challenge = voting.challenge(tally, round, at);
            challenges = challenge == null ? List.of() : List.of(challenge);
            challenged = challenge != null;
        }
        boolean last = round >= debate.spec().rounds();
        boolean early = !last && round >= debate.spec().minRounds() && reached && !challenged && mode != ConsensusMode.NONE
                && !Gauntlet.ahead(debate.spec(), attacked);
        if (last || early) {
            debate.flush();
            afterVoting();
            return;
        }
        int next = round + 1;
        transcript.emit(EventType.ROUND_START, next, null, at, EventData.of("rounds", debate.spec().rounds()));
        debate.flush();
        debate.storeProgress(round);
        round = next;
        dispatchProposals();
    }

    private void afterVoting() {
        boolean quorate = lastTally != null && lastTally.validVotes() >= VoteTally.quorum(seats.size());
        Seat judge = seats.judge;
        if (judge != null && quorate && !debate.timedOut()) {
            runner.run(new Phase.Judgement(round, judge, new SynthesisRequest(runner.turn(round), lastProposals, critiquing.last())));
        } else {
            if (judge != null && quorate) {
                judgeProblem = "the debate's time limit left no time for the judge";
            }
            debate.conclude();
        }
    }

    // --- judge mode

    void onJudgement(Phase.Judgement p) {
        Instant at = engine.scheduler.now();
        Seat judge = seats.judge;
        Object answer = p.result(0);
        judge.answered(p.call(0));
        if (answer instanceof Synthesis s && !s.finalAnswer().isBlank()) {
            synthesis = s;
            usage.add(judge, s.usage());
            Message m = transcript.say(Roles.JUDGE, judge.name, s.finalAnswer(), round, at);
            transcript.emit(EventType.AGENT_MESSAGE, round, judge.name, at, EventData.of("role", Roles.JUDGE, EventData.CONTENT,
                    s.finalAnswer(), EventData.INDEX, m.index(), "confidence", s.confidence()));
        } else {
            Failure f = answer instanceof Failure x ? x : new Failure(AgentException.Kind.UNPARSEABLE, "an empty synthesis");
            judgeProblem = "judge " + judge.name + " failed (" + f.message() + ")";
            failures.add(judge, p, f, at);
        }
        debate.flush();
        debate.conclude();
    }

    /** The time limit cut the judge's phase short. */
    void judgeCutShort() {
        judgeProblem = "the debate's time limit passed before judge " + seats.judge.name + " answered";
    }

    // --- what the rounds leave behind

    /** The decision from the last completed vote (and the judge's synthesis). */
    Conclusion conclusion() {
        return Conclusion.reach(debate.spec(), seats, lastTally, synthesis, judgeProblem, voting.interventions());
    }

    /** Whether any vote completed. */
    boolean voted() {
        return lastTally != null;
    }

    int round() {
        return round;
    }

    List<Critique> critiques() {
        return critiquing.all();
    }

    List<Vote> votes() {
        return votes;
    }

    BaselineVote baseline() {
        return baseline;
    }

    Convergence convergence() {
        return convergence;
    }

    int interventions() {
        return voting.interventions();
    }

    List<AgentFailure> failures() {
        return failures.all();
    }
}
