package ai.aragora.launcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The subcommands of {@code aragora}. Built-in ones run in the launcher; bundle commands are
 * services inside the framework, so the catalog says which features to boot for each, and
 * whether a run reads or writes stored data: then the store the environment selects
 * ({@code ARAGORA_STORAGE_MODE}) is booted too, never a store named here.
 */
final class CommandCatalog {

    enum Kind { BUILTIN, BUNDLE }

    /** Which runs of a command read or write stored data: all, none, or those of some subcommands. */
    record StoreUse(boolean always, Set<String> subcommands) {

        static final StoreUse NEVER = new StoreUse(false, Set.of());
        static final StoreUse ALWAYS = new StoreUse(true, Set.of());

        static StoreUse subcommands(String... names) {
            return new StoreUse(false, Set.of(names));
        }

        boolean by(List<String> args) {
            return always || !args.isEmpty() && subcommands.contains(args.get(0));
        }

        boolean ever() {
            return always || !subcommands.isEmpty();
        }
    }

    /** @param features what the command boots besides the store */
    record Spec(String name, Kind kind, String summary, List<String> features, StoreUse store) {

        Spec(String name, Kind kind, String summary, List<String> features) {
            this(name, kind, summary, features, StoreUse.NEVER);
        }
    }

    private final List<Spec> specs;

    CommandCatalog(List<Spec> specs) {
        this.specs = List.copyOf(specs);
    }

    static CommandCatalog standard() {
        return new CommandCatalog(List.of(
                new Spec("serve", Kind.BUILTIN,
                        "run the server: serve [--api-port 8080] [--ws-port 8765] [--host 127.0.0.1] [--features a,b] [--strict-env]",
                        List.of()),
                new Spec("receipt", Kind.BUNDLE,
                        "decision receipts: verify <file> [--pubkey PEM] [--chain JSONL] [--json] | public-key | export <id> --format odr|json|md|html [-o file] | rotate-key",
                        List.of("core"), StoreUse.subcommands("export")),
                new Spec("debate", Kind.BUNDLE,
                        "run a debate: debate \"<task>\" [--agents a,b,c] [--rounds N] [--consensus MODE] [--seed S] [--json]",
                        List.of("core", "demo"), StoreUse.ALWAYS),
                new Spec("benchmark", Kind.BUNDLE,
                        "measure the engine: benchmark --debates N --concurrent C --rounds R [--latency-ms L] [--agents a,b,c]",
                        List.of("core", "memory", "demo")),
                new Spec("decisions", Kind.BUNDLE, "recorded decisions: replay <id> [--json]",
                        List.of("core", "demo"), StoreUse.ALWAYS),
                new Spec("migrate", Kind.BUNDLE,
                        "schema migrations: status | apply | rollback --store aragora|users|job_queue|decision_results|integrations|knowledge_mound"
                                + " | copy --to postgresql://... [--batch N]",
                        List.of("core", "migrations", "storage-tools"), StoreUse.ALWAYS),
                new Spec("backup", Kind.BUNDLE,
                        "copy every database consistently, also while serving: backup [--to DIR | --into DIR] [--compress] [--keep N]",
                        List.of("core"), StoreUse.ALWAYS),
                new Spec("restore", Kind.BUNDLE, "put a backup back into the stopped server's data dir: restore --from DIR|FILE.tar.gz[.enc]",
                        List.of("core", "storage-tools")),
                new Spec("integrity-check", Kind.BUNDLE, "check every database file, the receipt chain and the audit log chain",
                        List.of("core"), StoreUse.ALWAYS),
                new Spec("cleanup", Kind.BUNDLE,
                        "receipt retention and orphaned files: cleanup --dry-run | --yes [--archive-to DIR] [--retention-days N]",
                        List.of("core"), StoreUse.ALWAYS),
                new Spec("encrypt-existing", Kind.BUNDLE,
                        "seal plaintext and re-seal old-key fields with the active key:"
                        + " encrypt-existing --all | --integration-store | --webhook-secrets [--execute] [--batch-size N]",
                        List.of("core"), StoreUse.ALWAYS),
                new Spec("encryption", Kind.BUNDLE, "encryption keys and what is sealed under each: encryption status [--verify]",
                        List.of("core"), StoreUse.ALWAYS),
                new Spec("knowledge", Kind.BUNDLE,
                        "the Knowledge Mound: search \"<question>\" [--org O] [--workspace W] [--limit N] | stats [--org O] [--workspace W] | reembed"
                                + " | export [--format json|graphml|d3] [--org O] [--workspace W] [--out FILE] | import FILE [--org O]",
                        List.of("core", "knowledge"), StoreUse.ALWAYS),
                new Spec("healthcheck", Kind.BUILTIN,
                        "probe a running server, exit 0 if healthy: healthcheck [--api-port 8080] [--ready] [--url URL] [--wait SECONDS]",
                        List.of()),
                new Spec("version", Kind.BUILTIN, "print the version", List.of()),
                new Spec("help", Kind.BUILTIN, "list the commands", List.of())));
    }

    Optional<Spec> find(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    List<Spec> all() {
        return specs;
    }

    /**
     * What a run of the command boots: the catalog's features, and after them the selected
     * store when this run uses one.
     */
    static List<String> features(Spec spec, boolean usesStore, String store) {
        if (!usesStore) {
            return spec.features();
        }
        List<String> features = new java.util.ArrayList<>(spec.features());
        features.add(store);
        return List.copyOf(features);
    }
}
