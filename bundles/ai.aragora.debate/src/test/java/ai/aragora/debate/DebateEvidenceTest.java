package ai.aragora.debate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.aragora.agents.demo.DemoAgents;
import ai.aragora.api.agent.Agent;
import ai.aragora.api.agent.Critique;
import ai.aragora.api.agent.Usage;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.rating.Calibration;
import ai.aragora.api.rating.RatingService;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.Crux;
import ai.aragora.api.receipt.DecisionRecord.Evidence;
import ai.aragora.api.receipt.DecisionRecord.Finding;

/** The evidence a decision record carries: standing critiques, vote splits, calibration. */
class DebateEvidenceTest {

    private final Harness h = new Harness();

    /** Critiques by {@code critic} of {@code target}: this severity in round 1, that one from round 2 on. */
    private static void critiques(ScriptedAgent critic, Map<String, double[]> severities) {
        critic.onCritique = r -> {
            double[] s = severities.getOrDefault(r.target(), new double[] {0, 0});
            double severity = r.turn().round() == 1 ? s[0] : s[1];
            return ScriptedAgent.done(new Critique(critic.name(), r.target(), r.turn().round(),
                    List.of("round " + r.turn().round() + " issue with " + r.target()), List.of("fix it"), severity,
                    "because", Usage.NONE));
        };
    }

    private DecisionRecord issued() {
        assertThat(h.receipts.issued).hasSize(1);
        return h.receipts.issued.get(0);
    }

    @Test
    void eachCriticsLastCritiqueOfTheDecidedProposalIsAFindingAndTheSplitIsACrux() {
        ScriptedAgent a = h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        ScriptedAgent c = h.agent("c", "c");
        critiques(a, Map.of("c", new double[] {6, 5}));
        critiques(b, Map.of("a", new double[] {2, 0}, "c", new double[] {3, 3}));
        critiques(c, Map.of("a", new double[] {9, 7.5}));
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(2).minRounds(2).build());
        assertThat(r.winner()).isEqualTo("a");

        Evidence evidence = issued().evidence();
        // b's last word on a was severity 0 (nothing wrong); c's round-2 critique replaces its round-1 one
        assertThat(evidence.findings()).singleElement().satisfies(f -> {
            assertThat(f.critic()).isEqualTo("c");
            assertThat(f.target()).isEqualTo("a");
            assertThat(f.round()).isEqualTo(2);
            assertThat(f.severity()).isEqualTo(7.5);
            assertThat(f.text()).isEqualTo("Issues: round 2 issue with a. Suggestions: fix it. because");
        });
        assertThat(evidence.cruxes()).singleElement().satisfies(crux -> {
            assertThat(crux.decided()).isEqualTo("a");
            assertThat(crux.decidedBy()).containsExactly("a", "b");
            assertThat(crux.alternative()).isEqualTo("c");
            assertThat(crux.alternativeBy()).containsExactly("c");
            // c's 7.5 against a outweighs a's 5 and b's 3 against c
            assertThat(crux.separatedBy()).get().extracting(Finding::critic, Finding::target, Finding::severity)
                    .containsExactly("c", "a", 7.5);
        });
    }

    @Test
    void theSeparatingCritiqueMayComeFromTheDecidedSide() {
        ScriptedAgent a = h.agent("a", "a");
        ScriptedAgent b = h.agent("b", "a");
        ScriptedAgent c = h.agent("c", "c");
        critiques(a, Map.of("c", new double[] {8, 8}));
        critiques(c, Map.of("a", new double[] {4, 4}));
        h.run(Harness.spec("a", "b", "c").rounds(1).build());

        Crux crux = issued().evidence().cruxes().get(0);
        assertThat(crux.separatedBy()).get().extracting(Finding::critic, Finding::target).containsExactly("a", "c");
        // b, left to its script, critiques a at severity 3
        assertThat(issued().evidence().findings()).extracting(Finding::critic, Finding::severity)
                .containsExactly(tuple("b", 3.0), tuple("c", 4.0));
    }

    @Test
    void withoutDissentThereAreNoCruxesButStandingCritiquesRemainFindings() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "a");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(1).build());

        assertThat(r.consensus().dissentingAgents()).isEmpty();
        Evidence evidence = issued().evidence();
        assertThat(evidence.cruxes()).isEmpty();
        // the scripted agents critique every proposal at severity 3
        assertThat(evidence.findings()).extracting(Finding::critic).containsExactly("b", "c");
        assertThat(evidence.findings()).allMatch(f -> f.target().equals("a") && f.severity() == 3);
    }

    @Test
    void noDecidedProposalMeansNoFindingsAndNoCruxes() {
        h.agent("a", "a");
        h.agent("b", "b");
        h.agent("c", "c");
        h.run(Harness.spec("a", "b", "c").rounds(1).consensus(ai.aragora.api.debate.ConsensusMode.NONE).build());
        assertThat(issued().evidence().findings()).isEmpty();
        assertThat(issued().evidence().cruxes()).isEmpty();
    }

    @Test
    void theCalibrationSnapshotCoversTheFinalVotersAsTheRatingServiceHadThem() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.agent("c", "c");
        DebateResult r = h.run(Harness.spec("a", "b", "c").rounds(2).minRounds(2).build());
        RatingService ratings = (RatingService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RatingService.class}, (proxy, method, args) -> {
                    String agent = (String) args[0];
                    if (!method.getName().equals("calibration") || agent.equals("c")) {
                        throw new IllegalStateException("store unavailable");
                    }
                    return new Calibration(agent, agent.equals("a") ? 12 : 9, 0.18, 0.07);
                });

        List<Calibration> snapshot = DecisionRecords.calibration(ratings, r);
        assertThat(snapshot).extracting(Calibration::agent).containsExactly("a", "b");
        assertThat(DecisionRecords.calibration(null, r)).isEmpty();

        Evidence evidence = DecisionRecords.of(r, snapshot).evidence();
        assertThat(evidence.calibration()).isEqualTo(snapshot);
        assertThat(evidence.calibrated()).as("a has 12 predictions").isTrue();
        assertThat(DecisionRecords.of(r, List.of(new Calibration("b", 9, 0.2, 0.1))).evidence().calibrated()).isFalse();
    }

    /** The engine states the calibration its votes were adjusted with: read before this debate is rated. */
    @Test
    void theReceiptStatesTheCalibrationFromBeforeTheDebateWasRated() {
        h.agent("a", "a");
        h.agent("b", "a");
        h.ratings.curves.put("a", new Calibration("a", 10, 0.12, 0.05));
        h.ratings.curves.put("b", new Calibration("b", 3, 0.30, 0.20));
        h.run(Harness.spec("a", "b").build());

        Evidence evidence = issued().evidence();
        assertThat(evidence.calibrated()).as("a has 10 predictions").isTrue();
        assertThat(evidence.calibration()).extracting(Calibration::agent, Calibration::predictions)
                .containsExactlyInAnyOrder(tuple("a", 10), tuple("b", 3));
        assertThat(h.ratings.calibration("a").predictions()).as("rated after the snapshot").isEqualTo(11);
    }

    /** The demo agents disagree on some seeds: those debates' records carry findings and cruxes, the same every time. */
    @Test
    void demoDebatesWithDissentCarryFindingsAndCruxes() {
        List<Long> split = new ArrayList<>();
        for (long seed = 0; seed < 20; seed++) {
            Harness engine = new Harness();
            for (Agent agent : DemoAgents.standalone("1.0.0")) {
                engine.register(agent);
            }
            DebateResult r = engine.run(DebateSpec.builder("Should we adopt exponential backoff with jitter?").seed(seed).build());
            DecisionRecord record = engine.receipts.issued.get(0);
            if (r.consensus().dissentingAgents().isEmpty()) {
                assertThat(record.evidence().cruxes()).isEmpty();
                continue;
            }
            split.add(seed);
            assertThat(record.evidence().findings()).as("seed %d", seed).isNotEmpty();
            assertThat(record.evidence().cruxes()).as("seed %d", seed).isNotEmpty()
                    .allMatch(c -> c.decided().equals(r.winner()) && r.consensus().dissentingAgents().containsAll(c.alternativeBy()));
        }
        assertThat(split).as("seeds whose final vote split").isNotEmpty();
    }
}
