package ai.aragora.debate;

import ai.aragora.api.agent.AgentException;
import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.Convergence;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Verdict;

/** Wire names of the enums events carry, computed once rather than on every event. */
final class Wire {

    private static final String[] STATUS = names(DebateStatus.values());
    private static final String[] MODE = names(ConsensusMode.values());
    private static final String[] VERDICT = names(Verdict.values());
    private static final String[] CONVERGENCE = names(Convergence.values());
    private static final String[] KIND = names(AgentException.Kind.values());

    private Wire() {
    }

    static String of(DebateStatus value) {
        return STATUS[value.ordinal()];
    }

    static String of(ConsensusMode value) {
        return MODE[value.ordinal()];
    }

    static String of(Verdict value) {
        return VERDICT[value.ordinal()];
    }

    static String of(Convergence value) {
        return CONVERGENCE[value.ordinal()];
    }

    static String of(AgentException.Kind value) {
        return KIND[value.ordinal()];
    }

    private static String[] names(Enum<?>[] values) {
        String[] names = new String[values.length];
        for (Enum<?> v : values) {
            names[v.ordinal()] = v.name().toLowerCase(java.util.Locale.ROOT);
        }
        return names;
    }
}
