package ai.aragora.knowledge;

import java.io.IOException;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.knowledge.EmbeddingException;
import ai.aragora.api.knowledge.EmbeddingProvider;
import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeExchange.Format;
import ai.aragora.api.knowledge.KnowledgeExchange.Summary;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundStats;
import ai.aragora.api.knowledge.ScoredNode;
import ai.aragora.api.knowledge.SearchResult;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora knowledge search "<question>" | stats | reembed | export | import}, on the stored
 * mound of the storage mode: search prints one hit a line (score, kind, id, content), stats the
 * counts, reembed gives every node without a vector of the installed model one, export writes an
 * org's knowledge (JSON, GraphML, D3) to a file or standard output and import reads a JSON export
 * back, all or nothing; the long ones report progress on standard error.
 */
@Component(property = {Command.NAME + "=knowledge", Command.SUMMARY + "=" + KnowledgeCommand.SYNOPSIS})
public class KnowledgeCommand implements Command {

    static final String SYNOPSIS = "the Knowledge Mound: search \"<question>\" [--org O] [--workspace W] [--limit N] | stats [--org O]"
            + " [--workspace W] | reembed | export [--format json|graphml|d3] [--org O] [--workspace W] [--out FILE]"
            + " | import FILE [--org O]";
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("org", "workspace", "limit", "format", "out");

    /** How long a provider installed with the command has to register before reembed says there is none. */
    private static final long PROVIDER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Mound mound;
    private final KnowledgeExchange exchange;
    private final BundleContext context;

    @Activate
    public KnowledgeCommand(BundleContext context, @Reference Mound mound, @Reference KnowledgeExchange exchange) {
        this.context = context;
        this.mound = mound;
        this.exchange = exchange;
    }

    /** Outside the framework: the mound has whatever provider it was given. */
    KnowledgeCommand(Mound mound, KnowledgeExchange exchange) {
        this(null, mound, exchange);
    }

    /**
     * The model in use; when a bundle providing one is installed (the command boots the embedding
     * feature the server is configured with) but has not registered yet, waits for it.
     */
    private String awaitEmbedder() {
        long deadline = System.nanoTime() + PROVIDER_WAIT_NANOS;
        try {
            while (mound.embedder() == null && providerInstalled() && System.nanoTime() - deadline < 0) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return mound.embedder();
    }

    private boolean providerInstalled() {
        if (context == null) {
            return false;
        }
        for (Bundle b : context.getBundles()) {
            BundleRevision revision = b.adapt(BundleRevision.class);
            if (revision == null || b.getState() == Bundle.UNINSTALLED) {
                continue;
            }
            for (BundleCapability c : revision.getDeclaredCapabilities("osgi.service")) {
                if (c.getAttributes().get("objectClass") instanceof List<?> classes && classes.contains(EmbeddingProvider.class.getName())) {
                    return true;
                }
            }
        }
        return false;
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
                    String model = awaitEmbedder();
                    err.println("embedding every node without a vector of " + (model == null ? "the installed model" : model) + " ...");
                    long embedded = mound.reembed(total -> err.println("embedded " + total + " nodes"));
                    out.println("embedded " + embedded + " nodes");
                }
                case "export" -> {
                    if (a.positional().size() != 1) {
                        return usage(err, "export takes no argument: name the file with --out");
                    }
                    Format format = Format.of(a.choice("format", "json", "json", "graphml", "d3"));
                    Summary done = export(org, workspace, format, a.value("out").map(Path::of).orElse(null), out, err);
                    err.println("exported " + done.nodes() + " nodes and " + done.relationships() + " relationships of org " + org
                            + " as " + format.wire());
                }
                case "import" -> {
                    if (a.positional().size() != 2) {
                        return usage(err, "import takes one file, a JSON export");
                    }
                    Path file = Path.of(a.positional().get(1));
                    err.println("checking " + file + " (" + Files.size(file) + " bytes) for org " + org + " ...");
                    Summary done;
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                        // Read and checked one node at a time, then stored in one transaction.
                        done = exchange.importJson(org, in, s -> err.println("read " + s.nodes() + " nodes and "
                                + s.relationships() + " relationships ..."));
                    }
                    err.println("checked and stored in one transaction");
                    out.println("imported " + done.nodes() + " nodes (" + done.added() + " new) and " + done.relationships()
                            + " relationships into org " + org);
                }
                default -> {
                    return usage(err, "unknown subcommand '" + what + "'");
                }
            }
            return OK;
        } catch (UsageException e) {
            return usage(err, e.getMessage());
        } catch (KnowledgeExchange.ImportRejected e) {
            err.println("aragora knowledge: import refused, nothing was stored: " + e.getMessage());
            return FAILED;
        } catch (NoSuchFileException e) {
            err.println("aragora knowledge: no such file: " + e.getFile());
            return FAILED;
        } catch (IOException e) {
            err.println("aragora knowledge: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return FAILED;
        } catch (java.io.UncheckedIOException e) {
            err.println("aragora knowledge: " + e.getMessage() + ": " + e.getCause().getMessage());
            return FAILED;
        } catch (EmbeddingException e) {
            err.println("aragora knowledge: embedding stopped: " + e.getMessage() + "; what was embedded is kept, and running it again resumes");
            return FAILED;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("aragora knowledge: " + e.getMessage());
            return FAILED;
        }
    }

    /** To {@code file} when named (whole or not at all: written beside it, then moved), else to standard output. */
    private Summary export(String org, String workspace, Format format, Path file, PrintStream out, PrintStream err) throws IOException {
        long[] reported = {0};
        java.util.function.Consumer<Summary> progress = s -> {
            if (s.nodes() + s.relationships() - reported[0] >= 10_000) {
                reported[0] = s.nodes() + s.relationships();
                err.println("exported " + s.nodes() + " nodes, " + s.relationships() + " relationships ...");
            }
        };
        if (file == null) {
            Summary done = exchange.export(org, workspace, format, out, progress);
            out.flush();
            return done;
        }
        Path dir = file.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(dir, file.getFileName().toString(), ".partial");
        try {
            Summary done;
            try (OutputStream stream = Files.newOutputStream(partial)) {
                done = exchange.export(org, workspace, format, stream, progress);
            }
            try {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return done;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("aragora knowledge: " + problem);
        err.println("usage: aragora knowledge " + SYNOPSIS.substring(SYNOPSIS.indexOf(':') + 2));
        return USAGE;
    }
}
