package ai.aragora.debate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.debate.AgentFailure;
import ai.aragora.api.event.EventData;
import ai.aragora.api.event.EventType;

/** The agent calls of a debate that gave no usable answer; an agent gone without a successor is not asked again. */
final class AgentFailures {

    private static final Logger LOG = LoggerFactory.getLogger(AgentFailures.class);

    private final String debateId;
    private final Transcript transcript;
    private ArrayList<AgentFailure> failures;

    AgentFailures(String debateId, Transcript transcript) {
        this.debateId = debateId;
        this.transcript = transcript;
    }

    /** Records the seat's call in the phase as failed: a {@link Failure}, no answer, or an answer of the wrong kind. */
    void add(Seat s, Phase p, Object answer, Instant at) {
        Failure f = answer instanceof Failure x ? x
                : new Failure(AgentException.Kind.UNPARSEABLE, answer == null ? "no answer" : "an answer of the wrong kind");
        if (failures == null) {
            failures = new ArrayList<>(4);
        }
        String phaseName = p.name();
        failures.add(new AgentFailure(s.name, p.round, phaseName, f.kind(), f.message()));
        if (f.kind() == AgentException.Kind.GONE) {
            s.dropped = true;
        }
        LOG.debug("debate {}: agent {} failed to {} in round {}: {} {}", debateId, s.name, phaseName, p.round, f.kind(),
                f.message());
        transcript.emit(EventType.AGENT_FAILURE, p.round, s.name, at, EventData.of("phase", phaseName, "kind", Wire.of(f.kind()),
                "message", f.message(), "dropped", s.dropped));
    }

    List<AgentFailure> all() {
        return failures == null ? List.of() : failures;
    }
}
