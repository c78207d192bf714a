package ai.aragora.agents.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.CritiqueRequest;
import ai.aragora.api.agent.Proposal;
import ai.aragora.api.agent.ProposalRequest;
import ai.aragora.api.agent.Turn;
import ai.aragora.api.agent.Vote;
import ai.aragora.api.agent.VoteRequest;

class DemoAgentTest {

    private static final String TASK = "Should we adopt exponential backoff with jitter?";

    private static DemoAgent agent(DemoStyle style) {
        return new DemoAgent(style, "1.2.3", new Latency(null, 0), new SubstanceCache());
    }

    private static Turn turn(long seed, int round) {
        return new Turn("deb-1", TASK, "", round, Instant.parse("2026-11-22T10:00:00Z"), seed, null);
    }

    private static <T> T now(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().getNow(null);
    }

    @Test
    void theFiveAgentsAreNamedByTheirStyle() {
        assertThat(DemoAgents.standalone("1.0.0")).extracting(a -> a.info().name()).containsExactly("demo-supportive",
                "demo-critical", "demo-balanced", "demo-contrarian", "demo-hollow");
        assertThat(agent(DemoStyle.CRITICAL).info()).satisfies(i -> {
            assertThat(i.provider()).isEqualTo("demo");
            assertThat(i.model()).isEqualTo("demo-critical-1");
            assertThat(i.version()).isEqualTo("1.2.3");
        });
    }

    @Test
    void theSameSeedGivesTheSameAnswersAndAnotherSeedOtherOnes() {
        DemoAgent a = agent(DemoStyle.BALANCED);
        String first = now(a.propose(new ProposalRequest(turn(7, 1), null, null, null))).content();
        assertThat(now(agent(DemoStyle.BALANCED).propose(new ProposalRequest(turn(7, 1), null, null, null))).content())
                .isEqualTo(first);
        long different = java.util.stream.LongStream.range(0, 20)
                .mapToObj(seed -> now(a.propose(new ProposalRequest(turn(seed, 1), null, null, null))).content())
                .distinct().count();
        assertThat(different).isGreaterThan(5);
        assertThat(first).matches(t -> java.util.Arrays.stream(DemoStyle.BALANCED.stances).anyMatch(t::startsWith)).contains("Should we adopt exponential backoff with jitter. ")
                .doesNotContain("?");
    }

    @Test
    void proposalsAreCompactAscii() {
        for (Agent a : DemoAgents.standalone("1.0.0")) {
            String text = now(a.propose(new ProposalRequest(turn(3, 1), null, null, null))).content();
            assertThat(text.length()).isBetween(120, 420);
            assertThat(text.chars()).allMatch(c -> c < 128);
        }
    }

    @Test
    void theHollowAgentAgreesLoudlyWithoutEvidence() {
        DemoAgent hollow = agent(DemoStyle.HOLLOW);
        String text = now(hollow.propose(new ProposalRequest(turn(1, 1), null, null, null))).content();
        assertThat(DemoWriter.substance(text)).isZero();
        assertThat(text).contains("everyone agrees").doesNotContain("[").doesNotContain("%");
        Vote vote = now(hollow.vote(new VoteRequest(turn(1, 1), Map.of("demo-hollow", text, "demo-critical", "x", "demo-balanced", "y"), false)));
        assertThat(vote.choice()).as("never itself").isNotEqualTo("demo-hollow");
        assertThat(vote.confidence()).isEqualTo(0.99);
        Critique praise = now(hollow.critique(new CritiqueRequest(turn(1, 1), "demo-critical", "plan")));
        assertThat(praise.issues()).isEmpty();
        assertThat(praise.severity()).isLessThanOrEqualTo(1);
    }

    @Test
    void criticsFlagProposalsWithoutEvidence() {
        Critique c = now(agent(DemoStyle.CRITICAL).critique(new CritiqueRequest(turn(1, 1), "demo-hollow",
                "Absolutely yes! Everyone agrees.")));
        assertThat(c.issues()).containsExactly(DemoWriter.NO_EVIDENCE);
        assertThat(c.suggestions()).containsExactly(DemoWriter.ADD_EVIDENCE);
        assertThat(c.severity()).isGreaterThanOrEqualTo(7);
    }

    @Test
    void aVoteDoesNotDependOnTheOrderItSeesTheProposalsIn() {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        List<String> names = List.of("demo-balanced", "demo-critical", "demo-supportive");
        for (String n : names) {
            forward.put(n, now(agent(DemoStyle.valueOf(n.substring(5).toUpperCase())).propose(
                    new ProposalRequest(turn(11, 1), null, null, null))).content());
        }
        for (int i = names.size() - 1; i >= 0; i--) {
            backward.put(names.get(i), forward.get(names.get(i)));
        }
        for (long seed = 0; seed < 10; seed++) {
            DemoAgent voter = agent(DemoStyle.SUPPORTIVE);
            Vote a = now(voter.vote(new VoteRequest(turn(seed, 1), forward, false)));
            Vote b = now(voter.vote(new VoteRequest(turn(seed, 1), backward, false)));
            assertThat(a).isEqualTo(b);
        }
    }

    @Test
    void aRevisionAnswersTheStrongestCritiqueAndKeepsOneNote() {
        DemoAgent a = agent(DemoStyle.SUPPORTIVE);
        String first = now(a.propose(new ProposalRequest(turn(5, 1), null, null, null))).content();
        List<Critique> received = List.of(
                new Critique("demo-balanced", "demo-supportive", 1, List.of("x"), List.of("name 2 success metrics"), 4, "", null),
                new Critique("demo-critical", "demo-supportive", 1, List.of("y"), List.of("add a rollback"), 7, "", null));
        String second = now(a.propose(new ProposalRequest(turn(5, 2), first, received, null))).content();
        assertThat(second).startsWith(first).endsWith(" | Round 2: took up demo-critical's point and will add a rollback.");
        String third = now(a.propose(new ProposalRequest(turn(5, 3), second, List.of(), List.of("Challenge: cite")))).content();
        assertThat(third).startsWith(first + " | Round 3: no objections were raised; the plan stands. ");
        assertThat(third).doesNotContain("Round 2");
    }

    @Test
    void latencyHandsTheAnswerOverFromATimer() throws Exception {
        DelayLine timer = new DelayLine("test-latency");
        try {
            DemoAgent slow = new DemoAgent(DemoStyle.CRITICAL, "1.0.0", new Latency(timer, 60_000), new SubstanceCache());
            CompletableFuture<Proposal> waiting = slow.propose(new ProposalRequest(turn(1, 1), null, null, null)).toCompletableFuture();
            assertThat(waiting).isNotDone();
            assertThat(timer.pending()).isEqualTo(1);

            DemoAgent quick = new DemoAgent(DemoStyle.CRITICAL, "1.0.0", new Latency(timer, 1), new SubstanceCache());
            assertThat(quick.propose(new ProposalRequest(turn(1, 1), null, null, null)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS).content()).as("a shorter delay is not held up by a longer one").isNotBlank();
            timer.close(Latency.stopping());
            assertThat(waiting).as("waiting calls fail when the agents stop").isCompletedExceptionally();
            CompletableFuture<Proposal> refused = slow.propose(new ProposalRequest(turn(1, 1), null, null, null)).toCompletableFuture();
            assertThat(refused).isCompletedExceptionally();
        } finally {
            timer.close(Latency.stopping());
        }
    }

    @Test
    void perAgentDelaysOverrideTheCommonOne() {
        DemoConfig config = new DemoConfig() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return DemoConfig.class;
            }

            @Override
            public int latency_ms() {
                return 100;
            }

            @Override
            public String[] agent_latency_ms() {
                return new String[] {"demo-critical=250, demo-hollow=0", "bogus", "demo-balanced=x", "nobody=5"};
            }
        };
        Map<String, Long> delays = DemoAgents.delays(config);
        assertThat(delays).containsEntry("demo-critical", 250L).containsEntry("demo-hollow", 0L)
                .containsEntry("demo-balanced", 100L).containsEntry("demo-supportive", 100L).hasSize(5);
    }

    @Test
    void theTopicIsAShortClause() {
        assertThat(DemoWriter.topic("  Ship it?  ")).isEqualTo("Ship it");
        String longTask = "word ".repeat(60);
        assertThat(DemoWriter.topic(longTask).length()).isLessThanOrEqualTo(90);
        assertThat(DemoWriter.topic("line one\nline two")).isEqualTo("line one line two");
    }
}
