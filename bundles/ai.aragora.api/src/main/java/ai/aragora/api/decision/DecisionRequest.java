package ai.aragora.api.decision;

import java.util.List;
import java.util.Objects;

import ai.aragora.api.debate.ConsensusMode;

/**
 * A decision as asked for. The constructor enforces the limits and names the offending field
 * in its message ({@code input must ...}); anything built is valid.
 *
 * @param agents the agents to ask, empty for the server's defaults; a quick decision asks the first
 * @param rounds the debate's rounds, 0 for the default
 * @param consensus how the debate's votes decide, null for the default
 * @param seed what deterministic agents derive their answers from; a replay uses the same
 * @param callbackUrl where the result is delivered when it is ready, null for none
 * @param workspace the workspace whose cache entries it may use and make, the org's when null
 * @param useCache false when the caller refuses a cached answer (a fresh one is still cached)
 */
public record DecisionRequest(String input, DecisionType type, Priority priority, String context, List<String> agents,
        int rounds, ConsensusMode consensus, long seed, String callbackUrl, String orgId, String workspace,
        boolean useCache, String createdBy) {

    public static final int MAX_INPUT = 10_000;
    public static final int MAX_CONTEXT = 100_000;

    public DecisionRequest {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("input must not be empty");
        }
        if (input.length() > MAX_INPUT) {
            throw new IllegalArgumentException("input must be at most " + MAX_INPUT + " characters, got " + input.length());
        }
        if (input.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("input must not contain NUL characters");
        }
        type = type == null ? DecisionType.DEBATE : type;
        priority = priority == null ? Priority.NORMAL : priority;
        context = context == null ? "" : context;
        if (context.length() > MAX_CONTEXT) {
            throw new IllegalArgumentException("context must be at most " + MAX_CONTEXT + " characters, got " + context.length());
        }
        agents = agents == null ? List.of() : List.copyOf(agents);
        if (rounds < 0) {
            throw new IllegalArgumentException("config.rounds must not be negative, got " + rounds);
        }
        callbackUrl = callbackUrl == null || callbackUrl.isBlank() ? null : callbackUrl;
        Objects.requireNonNull(orgId, "orgId");
        workspace = workspace == null || workspace.isBlank() ? orgId : workspace;
    }
}
