package ai.aragora.agents.llm.internal;

import java.util.TreeMap;

import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.SynthesisRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.VoteRequest;

/**
 * The prompts of each phase. Critiques, votes and syntheses ask for JSON and accept labelled
 * lines, so that {@link Replies} can read what weaker models produce too.
 */
final class Prompts {

    /** A system instruction and a user message. */
    record Prompt(String system, String user) {
    }

    private Prompts() {
    }

    static String system(String agent) {
        return "You are " + agent + ", one of several independent AI agents in a structured debate. "
                + "Reason carefully, say what you actually think, and change your mind only for good arguments.";
    }

    static Prompt proposal(String agent, ProposalRequest request) {
        StringBuilder p = task(request.turn());
        if (!request.isRevision()) {
            p.append("\nGive your best answer to the task. Be specific and concise.");
            return new Prompt(system(agent), p.toString());
        }
        p.append("\nYour previous answer:\n").append(request.previous()).append('\n');
        if (!request.critiques().isEmpty()) {
            p.append("\nCritiques of it:\n");
            for (Critique c : request.critiques()) {
                p.append("- from ").append(c.agent()).append(" (severity ").append(c.severity()).append("/10): ");
                p.append(String.join("; ", c.issues()));
                if (!c.suggestions().isEmpty()) {
                    p.append(" Suggestions: ").append(String.join("; ", c.suggestions()));
                }
                if (!c.reasoning().isEmpty()) {
                    p.append(" ").append(c.reasoning());
                }
                p.append('\n');
            }
        }
        for (String challenge : request.challenges()) {
            p.append("\nChallenge: ").append(challenge).append('\n');
        }
        p.append("\nRevise your answer where the critiques are right and defend it where they are not. Reply with the revised answer only.");
        return new Prompt(system(agent), p.toString());
    }

    static Prompt critique(String agent, CritiqueRequest request) {
        StringBuilder p = task(request.turn());
        p.append("\nProposal by ").append(request.target()).append(":\n").append(request.proposal()).append('\n');
        p.append("\nCritique this proposal. Reply with a JSON object only:\n")
                .append("{\"issues\": [\"...\"], \"suggestions\": [\"...\"], \"severity\": <0-10, 0 nothing wrong, 10 fatal>, \"reasoning\": \"...\"}\n")
                .append("or with the lines ISSUES:, SUGGESTIONS:, SEVERITY:, REASONING:.");
        return new Prompt(system(agent), p.toString());
    }

    static Prompt vote(String agent, VoteRequest request) {
        StringBuilder p = task(request.turn());
        p.append("\nThe proposals:\n");
        new TreeMap<>(request.proposals()).forEach((name, text) -> p.append("\n[").append(name).append("]\n").append(text).append('\n'));
        p.append("\nVote for the best proposal by its agent's exact name (").append(String.join(", ", new TreeMap<>(request.proposals()).keySet()))
                .append("). Reply with a JSON object only:\n")
                .append("{\"choice\": \"<agent name>\", \"confidence\": <0-1>, \"reasoning\": \"...\", \"continue_debate\": <true|false>}\n")
                .append("or with the lines CHOICE:, CONFIDENCE:, REASONING:, CONTINUE:.");
        return new Prompt(system(agent), p.toString());
    }

    static Prompt synthesis(String agent, SynthesisRequest request) {
        StringBuilder p = task(request.turn());
        p.append("\nYou are the judge. The proposals:\n");
        new TreeMap<>(request.proposals()).forEach((name, text) -> p.append("\n[").append(name).append("]\n").append(text).append('\n'));
        if (!request.critiques().isEmpty()) {
            p.append("\nThe critiques:\n");
            for (Critique c : request.critiques()) {
                p.append("- ").append(c.agent()).append(" on ").append(c.target()).append(": ")
                        .append(String.join("; ", c.issues())).append('\n');
            }
        }
        p.append("\nDecide the final answer. Reply with a JSON object only:\n")
                .append("{\"final_answer\": \"...\", \"adopted\": \"<agent name, or null for a blend>\", \"confidence\": <0-1>, \"reasoning\": \"...\"}\n")
                .append("or with the lines FINAL ANSWER:, ADOPTED:, CONFIDENCE:, REASONING:.");
        return new Prompt(system(agent), p.toString());
    }

    private static StringBuilder task(Turn turn) {
        StringBuilder p = new StringBuilder("Task: ").append(turn.task()).append('\n');
        if (!turn.context().isBlank()) {
            p.append("\nContext:\n").append(turn.context()).append('\n');
        }
        if (turn.round() > 0) {
            p.append("\nRound ").append(turn.round()).append(".\n");
        }
        return p;
    }
}
