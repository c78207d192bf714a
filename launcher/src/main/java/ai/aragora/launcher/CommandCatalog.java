package ai.aragora.launcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The subcommands of {@code aragora}. Built-in ones run in the launcher; bundle commands are
 * services inside the framework, so the catalog says which features to boot for each.
 */
final class CommandCatalog {

    enum Kind { BUILTIN, BUNDLE }

    record Spec(String name, Kind kind, String summary, Set<String> options, List<String> features) {
    }

    private final List<Spec> specs;

    CommandCatalog(List<Spec> specs) {
        this.specs = List.copyOf(specs);
    }

    static CommandCatalog standard() {
        return new CommandCatalog(List.of(
                new Spec("serve", Kind.BUILTIN,
                        "run the server: serve [--api-port 8080] [--ws-port 8765] [--host 127.0.0.1] [--features a,b]",
                        Invocation.SERVE_OPTIONS, List.of()),
                new Spec("receipt", Kind.BUNDLE,
                        "decision receipts: verify <file> [--pubkey PEM] [--chain JSONL] [--json] | public-key | export <id> --format odr|json|md|html [-o file] | rotate-key",
                        Set.of(), List.of("core")),
                new Spec("debate", Kind.BUNDLE,
                        "run a debate: debate \"<task>\" [--agents a,b,c] [--rounds N] [--consensus MODE] [--seed S] [--json]",
                        Set.of(), List.of("core", "sqlite", "demo")),
                new Spec("benchmark", Kind.BUNDLE,
                        "measure the engine: benchmark --debates N --concurrent C --rounds R [--latency-ms L] [--agents a,b,c]",
                        Set.of(), List.of("core", "memory", "demo")),
                new Spec("migrate", Kind.BUNDLE,
                        "schema migrations: status | apply | rollback --store aragora|users|job_queue|decision_results",
                        Set.of(), List.of("core", "sqlite", "migrations")),
                new Spec("backup", Kind.BUNDLE, "copy every database consistently, also while serving: backup [--to DIR]",
                        Set.of(), List.of("core", "sqlite")),
                new Spec("integrity-check", Kind.BUNDLE, "check every database file, the receipt chain and the audit log chain",
                        Set.of(), List.of("core", "sqlite")),
                new Spec("cleanup", Kind.BUNDLE,
                        "receipt retention and orphaned files: cleanup --dry-run | --yes [--archive-to DIR] [--retention-days N]",
                        Set.of(), List.of("core", "sqlite")),
                new Spec("healthcheck", Kind.BUILTIN,
                        "probe a running server, exit 0 if healthy: healthcheck [--api-port 8080] [--ready] [--url URL]",
                        Healthcheck.OPTIONS, List.of()),
                new Spec("version", Kind.BUILTIN, "print the version", Set.of(), List.of()),
                new Spec("help", Kind.BUILTIN, "list the commands", Set.of(), List.of())));
    }

    Optional<Spec> find(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    List<Spec> all() {
        return specs;
    }
}
