package ai.aragora.decisions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionType;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.launcher.spi.Command;

class ReplayCommandTest {

    private final Fakes.Decisions store = new Fakes.Decisions();
    private final Fakes.Engine engine = new Fakes.Engine();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private String recorded(String answer) {
        Router router = new Router(Fakes.config(2));
        router.services.store = store;
        router.services.engine = engine;
        router.addAgent(Fakes.agent("demo-critical", "1.0.0"));
        router.addAgent(Fakes.agent("demo-balanced", "1.0.0"));
        DecisionResult d = router.submit(new DecisionRequest("Ship on Friday?", DecisionType.DEBATE, null, null,
                List.of("demo-critical", "demo-balanced"), 2, null, 42, null, "org-1", null, true, null));
        engine.last().decide(answer, null);
        router.deactivate();
        return d.id();
    }

    private int replay(String... args) throws Exception {
        ReplayCommand command = new ReplayCommand(store, engine);
        command.addAgent(Fakes.agent("demo-critical", "1.0.0"));
        command.addAgent(Fakes.agent("demo-balanced", "1.0.0"));
        return command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theSameConfigurationIsRunAgainAndTheSameResultSaysSo() throws Exception {
        String id = recorded("Yes, behind a flag");
        engine.autoAnswer = "Yes, behind a flag";
        assertThat(replay("replay", id)).isEqualTo(Command.OK);
        assertThat(engine.last().spec.seed()).isEqualTo(42);
        assertThat(engine.last().spec.rounds()).isEqualTo(2);
        assertThat(engine.last().spec.agents()).containsExactly("demo-critical", "demo-balanced");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Decision " + id, "Same result");
    }

    @Test
    void aDifferentResultIsShownFieldByField() throws Exception {
        String id = recorded("Yes, behind a flag");
        engine.autoAnswer = "No";
        assertThat(replay("replay", id, "--json")).isEqualTo(ReplayCommand.DIFFERS);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"same\":false", "\"field\":\"answer\"",
                "\"recorded\":\"Yes, behind a flag\"", "\"replayed\":\"No\"");
    }

    @Test
    void anUnknownDecisionOrABadCommandLineIsRefused() throws Exception {
        assertThat(replay("replay", "dec-none")).isEqualTo(Command.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no decision dec-none");
        assertThat(replay("rerun", "x")).isEqualTo(Command.USAGE);
        assertThat(replay("replay")).isEqualTo(Command.USAGE);
    }
}
