package ai.aragora.debate.cli;

import java.io.PrintStream;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.ConsensusMode;
import ai.aragora.api.debate.DebateHandle;
import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora debate "<task>"}: runs one debate in this process, follows it on stderr and
 * prints the result on stdout, as text or, with {@code --json}, as the API returns it.
 */
@Component(property = {Command.NAME + "=debate", Command.SUMMARY + "=" + DebateCommand.SUMMARY})
public class DebateCommand implements Command {

    static final String SUMMARY = "run a debate: debate \"<task>\" [--agents a,b,c] [--rounds N] [--consensus MODE] [--seed S] [--json]";
    static final String HELP = "usage: aragora debate \"<task>\" [--agents a,b,c] [--rounds 1-12] [--min-rounds N]"
            + " [--consensus majority|supermajority|unanimous|weighted|any|judge|none] [--threshold 0-1] [--judge AGENT]"
            + " [--seed S] [--json] [--quiet]";
    static final CommandLine.Syntax SYNTAX = CommandLine.syntax()
            .value("agents", "rounds", "min-rounds", "consensus", "threshold", "judge", "seed")
            .flag("json", "quiet", "help");
    private static final long AGENT_WAIT_MILLIS = 15_000;

    private final BundleContext context;
    private final DebateService debates;
    private final AgentRoster roster;

    @Activate
    public DebateCommand(BundleContext context, @Reference DebateService debates, @Reference AgentRoster roster) {
        this.context = context;
        this.debates = debates;
        this.roster = roster;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
        DebateSpec spec;
        CommandLine flags;
        try {
            flags = SYNTAX.parse(args);
            if (flags.has("help")) {
                out.println(HELP);
                return OK;
            }
            spec = spec(flags);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("aragora debate: " + e.getMessage());
            return USAGE;
        }
        roster.awaitNames(spec.agents(), AGENT_WAIT_MILLIS);

        LinkedBlockingQueue<DebateEvent> events = new LinkedBlockingQueue<>();
        DebateListener listener = events::add;
        ServiceRegistration<DebateListener> registration = context.registerService(DebateListener.class, listener,
                new Hashtable<>(Map.of("aragora.listener", "cli")));
        try {
            DebateHandle handle;
            try {
                handle = debates.start(spec);
            } catch (IllegalArgumentException e) {
                err.println("aragora debate: " + e.getMessage());
                return USAGE;
            } catch (IllegalStateException e) {
                err.println("aragora debate: " + e.getMessage());
                return FAILED;
            }
            CompletableFuture<DebateResult> done = handle.result().toCompletableFuture();
            ProgressPrinter progress = flags.has("quiet") ? null : new ProgressPrinter(err);
            boolean ended = false;
            while (!ended) {
                DebateEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e == null) {
                    ended = done.isDone() && events.isEmpty();
                    continue;
                }
                if (!e.debateId().equals(handle.id())) {
                    continue;
                }
                if (progress != null) {
                    progress.print(e);
                }
                ended = e.type() == EventType.DEBATE_END;
            }
            DebateResult result = done.join();
            out.println(flags.has("json") ? DebateJson.text(result) : summary(result));
            return result.status() == DebateStatus.FAILED || result.status() == DebateStatus.CANCELLED
                    || result.status() == DebateStatus.INTERRUPTED ? FAILED : OK;
        } finally {
            registration.unregister();
        }
    }

    static DebateSpec spec(CommandLine flags) throws UsageException {
        List<String> task = flags.positional();
        if (task.isEmpty()) {
            throw new UsageException("a task is needed, e.g. aragora debate \"Should we adopt exponential backoff?\"");
        }
        if (task.size() > 1) {
            throw new UsageException("the task must be one argument (quote it); got " + task.size() + " words");
        }
        int rounds = flags.integer("rounds", DebateSpec.DEFAULT_ROUNDS, 1, DebateSpec.MAX_ROUNDS);
        DebateSpec.Builder b = DebateSpec.builder(task.get(0))
                .agents(flags.list("agents", DebateSpec.DEFAULT_AGENTS))
                .rounds(rounds)
                .minRounds(flags.integer("min-rounds", 1, 1, rounds))
                .consensus(ConsensusMode.parse(flags.value("consensus", "majority")))
                .threshold(flags.decimal("threshold", DebateSpec.DEFAULT_THRESHOLD))
                .seed(flags.longInteger("seed", 0))
                .metadata(Map.of("created_by", "cli"));
        flags.value("judge").ifPresent(b::judge);
        return b.build();
    }

    static String summary(DebateResult r) {
        StringBuilder s = new StringBuilder(512);
        s.append("Debate ").append(r.id()).append(": ").append(r.status().wire());
        if (r.verdict() != null) {
            s.append(", verdict ").append(r.verdict().wire()).append(", confidence ").append(r.confidence());
        }
        s.append(", ").append(r.roundsUsed()).append(r.roundsUsed() == 1 ? " round" : " rounds").append('\n');
        if (r.winner() != null) {
            s.append("Winner: ").append(r.winner());
            if (r.consensus() != null) {
                s.append(" (backed by ").append(String.join(", ", r.consensus().supportingAgents())).append(')');
            }
            s.append('\n');
        }
        if (r.baseline() != null && r.baseline().winner() != null) {
            s.append("Baseline vote: ").append(r.baseline().winner()).append(" (share ").append(r.baseline().share()).append(")\n");
        }
        if (r.finalAnswer() != null) {
            s.append("Final answer:\n  ").append(r.finalAnswer().replace("\n", "\n  ")).append('\n');
        }
        if (!r.dissentingViews().isEmpty()) {
            s.append("Dissenting views:\n");
            r.dissentingViews().forEach(v -> s.append("  - ").append(v).append('\n'));
        }
        if (r.tricksterInterventions() > 0) {
            s.append("Hollow-consensus challenges: ").append(r.tricksterInterventions()).append('\n');
        }
        if (r.receiptId() != null) {
            s.append("Receipt: ").append(r.receiptId()).append('\n');
        }
        return s.toString().stripTrailing();
    }
}
