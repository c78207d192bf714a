package ai.aragora.debate;

import java.util.List;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.debate.Participant;

/** An agent's place in a debate; touched only by the debate's steps. */
final class Seat {

    final String name;
    /** The agent's place in the spec; -1 for a judge that is not one of the debaters. */
    final int index;
    Agent agent;
    AgentInfo info;
    /** The model the agent last reported answering with. */
    String model;
    boolean dropped;
    String proposal;
    TextProfile profile;
    /** Critiques of this seat's proposal, not yet handed to it in a revision request. */
    List<Critique> received;
    double weight = 1;

    Seat(String name, int index) {
        this.name = name;
        this.index = index;
    }

    /** Notes which agent instance answered a call: after a hot swap, its successor and what it says about itself. */
    void answered(Phase.Call call) {
        if (call != null && call.agent != agent) {
            agent = call.agent;
            try {
                AgentInfo known = call.agent.info();
                if (known != null) {
                    info = known;
                }
            } catch (RuntimeException e) {
                // keep what was known: the agent still answered
            }
        }
    }

    Participant participant() {
        String answeredWith = model != null ? model : info == null ? null : info.model();
        return info == null ? new Participant(name, null, answeredWith, null, null)
                : new Participant(name, info.provider(), answeredWith, info.modelFamily(), info.version());
    }
}
