package ai.aragora.agents.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.AgentInfo;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Synthesis;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;

/**
 * One styled demo agent. Its answers depend only on the debate's seed, the task, the round and
 * what it is shown, so the same debate always goes the same way.
 */
public final class DemoAgent implements Agent {

    private static final int PROPOSE = 1;
    private static final int CRITIQUE = 2;
    private static final int VOTE = 3;
    private static final int JUDGE = 4;
    /** One box for every call's cost: demo agents are free. */
    private static final Double FREE = 0.0;

    private final AgentInfo info;
    private final DemoStyle style;
    private final long nameHash;
    private final Latency latency;
    private final SubstanceCache substance;
    /** The last task seen and its topic: consecutive calls almost always share the task. */
    private volatile String[] lastTopic = {"", ""};

    DemoAgent(DemoStyle style, String version, Latency latency, SubstanceCache substance) {
        this.style = style;
        this.info = new AgentInfo(style.agentName(), "demo", "demo-" + style.agentName().substring(5) + "-1", "demo", version);
        this.nameHash = info.name().hashCode();
        this.latency = latency;
        this.substance = substance;
    }

    @Override
    public AgentInfo info() {
        return info;
    }

    @Override
    public CompletionStage<Proposal> propose(ProposalRequest request) {
        Turn turn = request.turn();
        SeededRandom random = random(turn, PROPOSE, 0);
        String topic = topic(turn.task());
        String text = request.isRevision() ? DemoWriter.revision(style, topic, request, random)
                : DemoWriter.proposal(style, topic, random);
        int read = turn.task().length() + (request.previous() == null ? 0 : request.previous().length()) + 200 * request.critiques().size();
        return latency.deliver(new Proposal(info.name(), text, usage(read, text.length())));
    }

    @Override
    public CompletionStage<Critique> critique(CritiqueRequest request) {
        Turn turn = request.turn();
        SeededRandom random = random(turn, CRITIQUE, request.target().hashCode());
        boolean substantiated = substance.of(request.proposal()) >= DemoWriter.SUBSTANTIATED;
        int severity = style.minSeverity + random.below(style.maxSeverity - style.minSeverity + 1);
        if (!substantiated && style != DemoStyle.HOLLOW) {
            severity = Math.max(severity, 7);
        }
        String[] issues = DemoWriter.issues(style, substantiated, random);
        List<String> suggestions = style == DemoStyle.HOLLOW ? List.of() : List.of(DemoWriter.suggestion(substantiated, random));
        String reasoning = DemoWriter.critiqueReasoning(style, request.target(), substantiated);
        return latency.deliver(new Critique(info.name(), request.target(), turn.round(), List.of(issues), suggestions, severity,
                reasoning, usage(request.proposal().length() + 100, reasoning.length() + 60 * issues.length)));
    }

    @Override
    public CompletionStage<Vote> vote(VoteRequest request) {
        Turn turn = request.turn();
        long ballot = request.baseline() ? 1 : 2;
        SeededRandom random = random(turn, VOTE, ballot);
        String[] candidates = DemoWriter.candidates(request.proposals());
        String choice = choose(turn, ballot, candidates, request.proposals(), random);
        double confidence = Math.round((style.baseConfidence + style.confidenceSpread * random.uniform()) * 100) / 100.0;
        String reasoning = choice + "'s proposal " + (choice.equals(info.name()) ? "(my own) " : "") + style.praise + ".";
        return latency.deliver(new Vote(info.name(), choice, turn.round(), Math.min(1.0, confidence), reasoning,
                style == DemoStyle.CRITICAL && turn.round() < 2, usage(300 * candidates.length, reasoning.length())));
    }

    @Override
    public CompletionStage<Synthesis> synthesize(SynthesisRequest request) {
        Turn turn = request.turn();
        SeededRandom random = random(turn, JUDGE, 0);
        String[] candidates = DemoWriter.candidates(request.proposals());
        String best = candidates[0];
        for (String c : candidates) {
            if (substance.of(request.proposals().get(c)) > substance.of(request.proposals().get(best))) {
                best = c;
            }
        }
        List<String> conditions = new ArrayList<>(2);
        for (Critique c : request.critiques()) {
            if (c.target().equals(best) && !c.suggestions().isEmpty() && conditions.size() < 2
                    && !conditions.contains(c.suggestions().get(0))) {
                conditions.add(c.suggestions().get(0));
            }
        }
        StringBuilder answer = new StringBuilder(400).append("Synthesis of ").append(candidates.length)
                .append(" proposals, building on ").append(best).append(": ").append(request.proposals().get(best));
        if (!conditions.isEmpty()) {
            answer.append(" Conditions: ").append(String.join("; ", conditions)).append('.');
        }
        double confidence = Math.round((0.7 + 0.2 * random.uniform()) * 100) / 100.0;
        return latency.deliver(new Synthesis(info.name(), answer.toString(), best, confidence,
                best + "'s proposal carries the most evidence; the critiques' conditions are folded in.",
                usage(400 * candidates.length, answer.length())));
    }

    /**
     * Supportive agents favour others' well-evidenced proposals, critical ones the best evidenced
     * (often their own), contrarians their own or the weakest. The hollow agent agrees with the
     * crowd: it works out how the other demo agents in the debate vote and backs their favourite.
     */
    private String choose(Turn turn, long phase, String[] candidates, Map<String, String> proposals, SeededRandom random) {
        if (style != DemoStyle.HOLLOW) {
            return choose(style, info.name(), candidates, proposals, substance, random);
        }
        int[] backing = new int[candidates.length];
        for (String voter : candidates) {
            DemoStyle other = DemoStyle.named(voter);
            if (other != null && other != DemoStyle.HOLLOW) {
                String choice = choose(other, voter, candidates, proposals, substance,
                        random(turn, voter.hashCode(), VOTE, phase));
                backing[java.util.Arrays.asList(candidates).indexOf(choice)]++;
            }
        }
        String choice = null;
        for (int i = 0; i < candidates.length; i++) {
            if (candidates[i].equals(info.name())) {
                continue;
            }
            if (choice == null || backing[i] > backing[indexOf(candidates, choice)]
                    || backing[i] == backing[indexOf(candidates, choice)]
                    && substance.of(proposals.get(candidates[i])) > substance.of(proposals.get(choice))) {
                choice = candidates[i];
            }
        }
        return choice != null ? choice : candidates[0];
    }

    private static String choose(DemoStyle style, String name, String[] candidates, Map<String, String> proposals,
            SubstanceCache cache, SeededRandom random) {
        String choice = candidates[0];
        double best = Double.NEGATIVE_INFINITY;
        for (String c : candidates) {
            double substance = cache.of(proposals.get(c));
            boolean own = c.equals(name);
            double noise = random.uniform();
            double score = switch (style) {
                case SUPPORTIVE -> substance + (own ? 0 : 0.3) + 0.6 * noise;
                case CRITICAL -> substance + (own ? 0.35 : 0) + 0.6 * noise;
                case CONTRARIAN -> (own ? 0.6 : 0) - 0.5 * substance + 0.6 * noise;
                default -> 0.5 * substance + 0.9 * noise;
            };
            if (score > best) {
                best = score;
                choice = c;
            }
        }
        return choice;
    }

    private static int indexOf(String[] names, String name) {
        return java.util.Arrays.asList(names).indexOf(name);
    }

    private SeededRandom random(Turn turn, int phase, long subject) {
        return random(turn, nameHash, phase, subject);
    }

    private static SeededRandom random(Turn turn, long agentHash, int phase, long subject) {
        return new SeededRandom(SeededRandom.seed(turn.seed(), agentHash ^ (long) turn.task().hashCode() << 32, turn.round(),
                phase, subject));
    }

    private String topic(String task) {
        String[] last = lastTopic;
        // the same task object: a debate hands every call the string of its spec
        if (last[0] == task) {
            return last[1];
        }
        String topic = DemoWriter.topic(task);
        lastTopic = new String[] {task, topic};
        return topic;
    }

    private Usage usage(int charactersRead, int charactersWritten) {
        return new Usage(charactersRead / 4, charactersWritten / 4, FREE, info.model());
    }
}
