package ai.aragora.api.debate;

/**
 * What one agent's calls with one model cost within a debate, as the provider reported it:
 * the unit that billing sums per org, agent, model and day.
 */
public record AgentUsage(String agent, String model, long calls, long inputTokens, long outputTokens, double costUsd) {
}
