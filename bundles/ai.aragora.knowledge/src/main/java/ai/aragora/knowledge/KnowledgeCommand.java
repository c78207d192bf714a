package ai.aragora.knowledge;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora knowledge search "<question>" | stats | reembed}, on the stored mound of the
 * storage mode: search prints one hit a line (score, kind, id, content), stats the counts, and
 * reembed gives every node without a vector of the installed model one, with progress.
 */
@Component(property = {Command.NAME + "=knowledge", Command.SUMMARY + "=" + KnowledgeCommand.SYNOPSIS})
public class KnowledgeCommand implements Command {

    static final String SYNOPSIS = "the Knowledge Mound: search \"<question>\" [--org O] [--workspace W] [--limit N] | stats [--org O]"
            + " [--workspace W] | reembed";
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("org", "workspace", "limit");

    private final Mound mound;

    @Activate
    public KnowledgeCommand(@Reference Mound mound) {
        this.mound = mound;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine a;
        String what;
        try {
            a = SYNTAX.parse(args);
            if (a.positional().isEmpty()) {
                throw new UsageException("say what to do: search, stats or reembed");
            }
            what = a.positional().get(0);
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        }
        String org = a.value("org", DebateSpec.DEFAULT_ORG);
        String workspace = a.value("workspace").orElse(null);
        try {
            switch (what) {
                case "search" -> {
                    if (a.positional().size() != 2) {
                        return usage(err, "search takes one question");
                    }
                    SearchResult found = mound.search(KnowledgeQuery.of(org, workspace, a.positional().get(1), a.integer("limit", 10, 1,
                            KnowledgeQuery.MAX_LIMIT)));
                    for (ScoredNode h : found.hits()) {
                        out.printf(Locale.ROOT, "%.3f\t%s\t%s\t%s%n", h.score(), h.node().kind().wire(), h.node().id(),
                                h.node().content().replace('\n', ' '));
                    }
                    err.println(found.hits().size() + " hits (" + (found.semantic() ? "hybrid" : "lexical only: no embedding provider") + ")");
                }
                case "stats" -> {
                    MoundStats s = mound.stats(org, workspace);
                    out.println("nodes\t" + s.nodes());
                    out.println("relationships\t" + s.relationships());
                    out.println("embedded\t" + s.embedded());
                    s.byKind().forEach((k, v) -> out.println("kind." + k.wire() + "\t" + v));
                    s.byTier().forEach((k, v) -> out.println("tier." + k.wire() + "\t" + v));
                }
                case "reembed" -> {
                    AtomicLong done = new AtomicLong();
                    long embedded = mound.reembed(n -> err.println("embedded " + done.addAndGet(n) + " nodes"));
                    out.println("embedded " + embedded + " nodes");
                }
                default -> {
                    return usage(err, "unknown subcommand '" + what + "'");
                }
            }
            return OK;
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("aragora knowledge: " + e.getMessage());
            return FAILED;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("aragora knowledge: " + problem);
        err.println("usage: aragora knowledge " + SYNOPSIS.substring(SYNOPSIS.indexOf(':') + 2));
        return USAGE;
    }
}
