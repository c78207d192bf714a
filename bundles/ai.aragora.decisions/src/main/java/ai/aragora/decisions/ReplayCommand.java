package ai.aragora.decisions;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import ai.aragora.api.agent.Agent;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.storage.DecisionResult;
import ai.aragora.api.storage.DecisionResultStore;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora decisions replay <id>}: runs a recorded decision again with its recorded
 * request (input, type, agents, rounds, consensus, seed) and shows where the new result differs
 * from the recorded one. With the deterministic demo agents the same seed gives the same result.
 */
@Component(property = {Command.NAME + "=decisions", Command.SUMMARY + "=" + ReplayCommand.SUMMARY})
public class ReplayCommand implements Command {

    static final String SUMMARY = "recorded decisions: replay <id> [--json]";
    static final String HELP = "usage: aragora decisions replay <decision-id> [--json]\n"
            + "  runs the decision again with its recorded configuration and shows the difference;\n"
            + "  exit 0 when the result is the same, 3 when it differs, 1 when it could not be replayed";
    static final int DIFFERS = 3;
    static final List<String> COMPARED = List.of("answer", "verdict", "confidence", "consensus_reached", "agents", "rounds_used");
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().flag("json", "help");
    private static final long AGENT_WAIT_MILLIS = 15_000;

    private final DecisionResultStore store;
    private final DebateService engine;
    private final AgentVersions agents = new AgentVersions();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile ReceiptService receipts;

    @Activate
    public ReplayCommand(@Reference DecisionResultStore store, @Reference DebateService engine) {
        this.store = store;
        this.engine = engine;
    }

    @Reference(service = Agent.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAgent(Map<String, Object> properties) {
        agents.add(properties);
    }

    void removeAgent(Map<String, Object> properties) {
        agents.remove(properties);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        String id;
        boolean json;
        try {
            CommandLine line = SYNTAX.parse(args);
            if (line.has("help")) {
                out.println(HELP);
                return OK;
            }
            List<String> words = line.positional();
            if (words.size() != 2 || !words.get(0).equals("replay")) {
                throw new UsageException("expected: replay <decision-id>");
            }
            id = words.get(1);
            json = line.has("json");
        } catch (UsageException e) {
            err.println("aragora decisions: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        Optional<DecisionResult> recorded = store.find(id);
        if (recorded.isEmpty()) {
            err.println("aragora decisions: no decision " + id);
            return FAILED;
        }
        DecisionResult original = recorded.get();
        DecisionRequest request = StoredRequests.read(original.request(), original.orgId());
        List<String> wanted = request.agents().isEmpty() ? DebateSpec.DEFAULT_AGENTS : request.agents();
        agents.await(wanted, AGENT_WAIT_MILLIS);
        DebateResult result;
        try {
            DebateSpec spec = Specs.of(request, agents.names());
            result = engine.start(spec).result().toCompletableFuture().get(spec.debateTimeout().toSeconds() + 60, TimeUnit.SECONDS);
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("aragora decisions: decision " + id + " cannot be replayed: " + e.getMessage());
            return FAILED;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            err.println("aragora decisions: the replay of " + id + " did not end: " + e);
            return FAILED;
        }
        Map<String, Object> replayed = Outcomes.of(result, Receipts.document(receipts, result.receiptId()));
        List<Map<String, Object>> differences = differences(parse(original.result()), StoredRequests.JSON.valueToTree(replayed));
        if (json) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("decision_id", id);
            report.put("recorded_status", original.status());
            report.put("replay_debate_id", result.id());
            report.put("replay_status", result.status().wire());
            report.put("same", differences.isEmpty());
            report.put("differences", differences);
            out.println(StoredRequests.text(report));
        } else {
            out.println("Decision " + id + " (" + original.route() + ", recorded " + original.status() + ") replayed as debate "
                    + result.id() + ": " + result.status().wire());
            if (differences.isEmpty()) {
                out.println("Same result: " + String.join(", ", COMPARED) + " are identical.");
            }
            for (Map<String, Object> d : differences) {
                out.println("  " + d.get("field") + ":\n    recorded: " + d.get("recorded") + "\n    replayed: " + d.get("replayed"));
            }
        }
        return differences.isEmpty() ? OK : DIFFERS;
    }

    static List<Map<String, Object>> differences(JsonNode recorded, JsonNode replayed) {
        List<Map<String, Object>> differences = new ArrayList<>();
        for (String field : COMPARED) {
            JsonNode a = recorded.path(field);
            JsonNode b = replayed.path(field);
            if (!Objects.equals(a, b)) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("field", field);
                d.put("recorded", a.isMissingNode() ? null : a);
                d.put("replayed", b.isMissingNode() ? null : b);
                differences.add(d);
            }
        }
        return differences;
    }

    private static JsonNode parse(String result) {
        try {
            return StoredRequests.JSON.readTree(result);
        } catch (JsonProcessingException e) {
            return StoredRequests.JSON.createObjectNode();
        }
    }
}
