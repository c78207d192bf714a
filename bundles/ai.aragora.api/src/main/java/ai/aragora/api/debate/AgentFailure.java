package ai.aragora.api.debate;

import ai.aragora.api.agent.AgentException;

/** A call that failed during a debate; recorded, never fatal to the debate. */
public record AgentFailure(String agent, int round, String phase, AgentException.Kind kind, String message) {
}
