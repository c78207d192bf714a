package ai.aragora.debate;

import java.time.Instant;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;
import ai.aragora.api.rating.RatingService;

/**
 * A vote phase's answers as the debate records them (which count, what the transcript says of
 * each), and the Trickster's look at the agreement they show.
 */
final class Voting {

    private final EngineContext engine;
    private final Debate debate;
    private final Seats seats;
    private final Transcript transcript;
    private final UsageMeter usage;
    private final AgentFailures failures;
    private int interventions;
    private int lastInterventionRound;

    Voting(EngineContext engine, Debate debate, Seats seats, Transcript transcript, UsageMeter usage, AgentFailures failures) {
        this.engine = engine;
        this.debate = debate;
        this.seats = seats;
        this.transcript = transcript;
        this.usage = usage;
        this.failures = failures;
    }

    /** The Trickster's interventions of a resumed debate's earlier rounds. */
    void resume(int interventionsSoFar, int lastRound) {
        interventions = interventionsSoFar;
        lastInterventionRound = lastRound;
    }

    int interventions() {
        return interventions;
    }

    Ballots collect(Phase.Votes p, int round, Instant at) {
        boolean isBaseline = p.baseline();
        Ballots ballots = new Ballots(p.size);
        RatingService ratings = engine.ratings;
        for (int slot = 0; slot < p.size; slot++) {
            Seat s = p.callers[slot];
            Object answer = p.result(slot);
            s.answered(p.call(slot));
            if (!(answer instanceof Vote v)) {
                failures.add(s, p, answer, at);
                continue;
            }
            int choice = seats.indexOf(v.choice());
            if (choice < 0 || seats.all[choice].proposal == null) {
                failures.add(s, p, new Failure(AgentException.Kind.UNPARSEABLE,
                        "voted for '" + TranscriptText.clip(v.choice()) + "', which has no proposal in this debate"), at);
                continue;
            }
            Vote vote = v.agent().equals(s.name) && v.round() == round ? v
                    : new Vote(s.name, v.choice(), round, v.confidence(), v.reasoning(), v.continueDebate(), v.usage());
            usage.add(s, vote.usage());
            double calibrated = Ballots.calibrated(ratings, s.name, vote.confidence());
            ballots.add(vote, s.index, choice, s.weight, calibrated);
            String content = TranscriptText.vote(vote, isBaseline);
            Message m = transcript.say(Roles.VOTER, s.name, content, round, at);
            transcript.emit(EventType.VOTE, round, s.name, at, EventData.of(EventData.CHOICE, vote.choice(), EventData.CONFIDENCE,
                    vote.confidence(), "calibrated_confidence", Decimals.round(calibrated, 4), EventData.BASELINE, isBaseline,
                    EventData.CONTENT, content, EventData.INDEX, m.index()));
        }
        return ballots;
    }

    /** The Trickster's look at this round's agreement; the challenge it makes the next round, or null. */
    String challenge(VoteTally tally, int round, Instant at) {
        if (!Trickster.mayIntervene(interventions, lastInterventionRound, round)) {
            return null;
        }
        Trickster.Finding finding = Trickster.inspect(tally, seats::profileOf, engine.settings.hollowQuality());
        if (finding == null) {
            return null;
        }
        interventions++;
        lastInterventionRound = round;
        String text = Trickster.challenge(finding);
        Message m = transcript.say(Roles.TRICKSTER, null, text, round, at);
        transcript.emit(EventType.TRICKSTER_INTERVENTION, round, null, at, EventData.of("targets", finding.hollow(), "leader",
                finding.leader(), "severity", Decimals.round(finding.severity(), 3), "intervention", interventions,
                "challenge", text, "next_round", round < debate.spec().rounds(), EventData.INDEX, m.index()));
        return text;
    }
}
