package ai.aragora.api.event;

import java.util.Locale;

/** The kinds of debate event, named on the wire in lower snake case ({@code debate_start}). */
public enum EventType {
    DEBATE_START,
    /** The debate was given knowledge from its org's earlier debates: the node ids. */
    KNOWLEDGE_INJECTED,
    ROUND_START,
    AGENT_MESSAGE,
    CRITIQUE,
    VOTE,
    CONSENSUS,
    TRICKSTER_INTERVENTION,
    CONVERGENCE_DETECTED,
    AGENT_FAILURE,
    AGENT_FALLBACK_TRIGGERED,
    AGENT_ELO_UPDATED,
    /** A streamed fragment of an answer still being written. */
    TOKEN,
    DEBATE_END;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
