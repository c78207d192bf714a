package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.debate.Message;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;

/**
 * The critique phase of a round: every live agent critiques every other agent's current
 * proposal; what they say goes to the transcript and to the critiqued agent's next revision.
 */
final class Critiquing {

    private final Seats seats;
    private final Transcript transcript;
    private final UsageMeter usage;
    private final AgentFailures failures;
    private final List<Critique> all = new ArrayList<>();
    private List<Critique> last = List.of();

    Critiquing(Seats seats, Transcript transcript, UsageMeter usage, AgentFailures failures) {
        this.seats = seats;
        this.transcript = transcript;
        this.usage = usage;
        this.failures = failures;
    }

    /** The critiques a resumed debate's earlier rounds made, and those of its last stored round. */
    void resume(List<Critique> earlier, List<Critique> lastRound) {
        all.addAll(earlier);
        last = List.copyOf(lastRound);
    }

    /** This round's critique calls; null when no agent has a proposal another could critique. */
    Phase.Critiques phase(int round, Turn turn) {
        int pairs = 0;
        for (Seat critic : seats.all) {
            if (!critic.dropped) {
                for (Seat target : seats.all) {
                    if (target != critic && target.proposal != null) {
                        pairs++;
                    }
                }
            }
        }
        if (pairs == 0) {
            return null;
        }
        Phase.Critiques p = new Phase.Critiques(round, pairs);
        int slot = 0;
        for (Seat critic : seats.all) {
            if (critic.dropped) {
                continue;
            }
            for (Seat target : seats.all) {
                if (target != critic && target.proposal != null) {
                    p.callers[slot] = critic;
                    p.targets[slot] = target;
                    p.requests[slot++] = new CritiqueRequest(turn, target.name, target.proposal);
                }
            }
        }
        return p;
    }

    void collect(Phase.Critiques p, int round, Instant at) {
        List<Critique> thisRound = new ArrayList<>(p.size);
        for (int slot = 0; slot < p.size; slot++) {
            Seat critic = p.callers[slot];
            Seat target = p.targets[slot];
            Object answer = p.result(slot);
            critic.answered(p.call(slot));
            if (answer instanceof Critique c) {
                Critique critique = kept(critic, target, c, round);
                thisRound.add(critique);
                if (target.received == null) {
                    target.received = new ArrayList<>(seats.size() - 1);
                }
                target.received.add(critique);
                String content = TranscriptText.critique(critique);
                Message m = transcript.say(Roles.CRITIC, critic.name, content, round, at);
                transcript.emit(EventType.CRITIQUE, round, critic.name, at, EventData.of(EventData.TARGET, target.name,
                        EventData.SEVERITY, critique.severity(), "issues", critique.issues(), EventData.CONTENT, content,
                        EventData.INDEX, m.index()));
            } else {
                failures.add(critic, p, answer, at);
            }
        }
        last = thisRound;
    }

    /** A critique as this round records it: its critic, target and round, its cost counted. */
    Critique kept(Seat critic, Seat target, Critique c, int round) {
        Critique critique = c.agent().equals(critic.name) && c.target().equals(target.name) && c.round() == round ? c
                : new Critique(critic.name, target.name, round, c.issues(), c.suggestions(), c.severity(), c.reasoning(),
                        c.usage());
        usage.add(critic, critique.usage());
        all.add(critique);
        return critique;
    }

    /** Every critique so far, the gauntlet's attacks included. */
    List<Critique> all() {
        return all;
    }

    /** The last critique phase's critiques: what a judge weighs. */
    List<Critique> last() {
        return last;
    }
}
