package ai.aragora.api.debate;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ai.aragora.api.agent.AgentInfo;

/**
 * A debate as asked for. The constructor enforces the limits that protect the server and
 * names the offending field in its message; anything built is valid. One agent alone may answer
 * in a single round (a quick decision): it proposes and votes, and no consensus can be reached.
 */
public record DebateSpec(
        String task,
        String context,
        List<String> agents,
        int rounds,
        int minRounds,
        ConsensusMode consensus,
        double threshold,
        String judge,
        long seed,
        Duration agentTimeout,
        Duration debateTimeout,
        String orgId,
        Map<String, String> metadata,
        boolean priorKnowledge) {

    public static final int MAX_TASK = 10_000;
    public static final int MAX_CONTEXT = 100_000;
    public static final int MIN_AGENTS = 2;
    public static final int MAX_AGENTS = 10;
    public static final int MAX_ROUNDS = 12;
    public static final int DEFAULT_ROUNDS = 3;
    public static final double DEFAULT_THRESHOLD = 0.6;
    public static final Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_DEBATE_TIMEOUT = Duration.ofMinutes(30);
    public static final String DEFAULT_ORG = "default";
    public static final List<String> DEFAULT_AGENTS = List.of("demo-supportive", "demo-critical", "demo-balanced");
    /**
     * Metadata key naming one of the debate's agents as its contrarian: in the last round, after
     * the critiques and before the final vote, it attacks the leading proposal and the leader
     * answers the attack in a revision (a gauntlet). A gauntlet runs all its rounds.
     */
    public static final String CONTRARIAN = "contrarian";

    /** Metadata key naming the workspace a debate belongs to, within its org. */
    public static final String WORKSPACE = "workspace_id";

    public DebateSpec {
        task = text("task", task, MAX_TASK, true);
        context = context == null ? "" : text("context", context, MAX_CONTEXT, false);
        Objects.requireNonNull(agents, "agents");
        boolean singleAnswer = agents.size() == 1 && rounds == 1;
        if (!singleAnswer && (agents.size() < MIN_AGENTS || agents.size() > MAX_AGENTS)) {
            throw new IllegalArgumentException("agents: a debate needs " + MIN_AGENTS + " to " + MAX_AGENTS
                    + " agents, got " + agents.size() + " (one agent may answer alone in a single round)");
        }
        if (new HashSet<>(agents).size() != agents.size()) {
            throw new IllegalArgumentException("agents: each agent may take part once");
        }
        for (String agent : agents) {
            if (!AgentInfo.isValidName(agent)) {
                throw new IllegalArgumentException("agents: '" + clip(agent) + "' is not a valid agent name");
            }
        }
        agents = List.copyOf(agents);
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new IllegalArgumentException("rounds must be between 1 and " + MAX_ROUNDS + ", got " + rounds);
        }
        if (minRounds < 1 || minRounds > rounds) {
            throw new IllegalArgumentException("min_rounds must be between 1 and rounds (" + rounds + "), got " + minRounds);
        }
        Objects.requireNonNull(consensus, "consensus");
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        }
        if (judge != null && !AgentInfo.isValidName(judge)) {
            throw new IllegalArgumentException("judge: '" + clip(judge) + "' is not a valid agent name");
        }
        agentTimeout = positive("agent_timeout", agentTimeout, DEFAULT_AGENT_TIMEOUT, Duration.ofHours(1));
        debateTimeout = positive("debate_timeout", debateTimeout, DEFAULT_DEBATE_TIMEOUT, Duration.ofHours(24));
        orgId = orgId == null || orgId.isBlank() ? DEFAULT_ORG : orgId;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        String contrarian = metadata.get(CONTRARIAN);
        if (contrarian != null && !agents.contains(contrarian)) {
            throw new IllegalArgumentException("contrarian: '" + clip(contrarian) + "' is not one of the debate's agents");
        }
    }

    /** A debate given its org's prior knowledge, as before there was a choice. */
    public DebateSpec(String task, String context, List<String> agents, int rounds, int minRounds, ConsensusMode consensus,
            double threshold, String judge, long seed, Duration agentTimeout, Duration debateTimeout, String orgId,
            Map<String, String> metadata) {
        this(task, context, agents, rounds, minRounds, consensus, threshold, judge, seed, agentTimeout, debateTimeout, orgId,
                metadata, true);
    }

    /** The judge of a judge-mode debate: the named one, else the first agent. */
    public String effectiveJudge() {
        return judge != null ? judge : agents.get(0);
    }

    public static Builder builder(String task) {
        return new Builder(task);
    }

    private static String text(String field, String value, int max, boolean required) {
        if (value == null || (required && value.isBlank())) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " must be at most " + max + " characters, got " + value.length());
        }
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(field + " must not contain NUL characters");
        }
        return value;
    }

    private static Duration positive(String field, Duration value, Duration fallback, Duration max) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero() || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be positive and at most " + max.toSeconds() + " s");
        }
        return value;
    }

    private static String clip(String s) {
        return s == null ? "null" : s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    /** Defaults: the demo agents, 3 rounds, majority at 0.6, seed 0. */
    public static final class Builder {
        private final String task;
        private String context = "";
        private List<String> agents = DEFAULT_AGENTS;
        private int rounds = DEFAULT_ROUNDS;
        private Integer minRounds;
        private ConsensusMode consensus = ConsensusMode.MAJORITY;
        private double threshold = DEFAULT_THRESHOLD;
        private String judge;
        private long seed;
        private Duration agentTimeout;
        private Duration debateTimeout;
        private String orgId;
        private Map<String, String> metadata = Map.of();
        private boolean priorKnowledge = true;

        private Builder(String task) {
            this.task = task;
        }

        public Builder context(String value) {
            this.context = value;
            return this;
        }

        public Builder agents(List<String> value) {
            this.agents = value;
            return this;
        }

        public Builder rounds(int value) {
            this.rounds = value;
            return this;
        }

        public Builder minRounds(int value) {
            this.minRounds = value;
            return this;
        }

        public Builder consensus(ConsensusMode value) {
            this.consensus = value;
            return this;
        }

        public Builder threshold(double value) {
            this.threshold = value;
            return this;
        }

        public Builder judge(String value) {
            this.judge = value;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder agentTimeout(Duration value) {
            this.agentTimeout = value;
            return this;
        }

        public Builder debateTimeout(Duration value) {
            this.debateTimeout = value;
            return this;
        }

        public Builder orgId(String value) {
            this.orgId = value;
            return this;
        }

        public Builder metadata(Map<String, String> value) {
            this.metadata = value;
            return this;
        }

        /** Whether the debate is given its org's knowledge from earlier debates (true unless turned off). */
        public Builder priorKnowledge(boolean value) {
            this.priorKnowledge = value;
            return this;
        }

        public DebateSpec build() {
            return new DebateSpec(task, context, agents, rounds, minRounds == null ? 1 : minRounds, consensus,
                    threshold, judge, seed, agentTimeout, debateTimeout, orgId, metadata, priorKnowledge);
        }
    }
}
