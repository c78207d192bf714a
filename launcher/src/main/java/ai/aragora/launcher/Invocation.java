package ai.aragora.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;

/**
 * A parsed command line: the subcommand, the launcher's own options, and what is left for the
 * command. {@code --strict-env} and, for a bundle command, {@link #BUNDLE_OPTIONS} are the
 * launcher's wherever they appear; everything else of a bundle command is the command's.
 */
record Invocation(String command, Map<String, String> options, boolean strictEnv, List<String> args) {

    /** Options the launcher itself understands for {@code serve}. */
    static final List<String> SERVE_OPTIONS = List.of("api-port", "ws-port", "host", "features", "workers");
    /**
     * Options the launcher takes from a bundle command: its features, and the ports a command
     * booting the {@code http} feature listens on ({@code benchmark --watchers}).
     */
    static final List<String> BUNDLE_OPTIONS = List.of("features", "api-port", "ws-port");
    static final String STRICT_ENV = "strict-env";
    /**
     * A switch of {@code serve} that the supervisor of {@code --workers N} gives each worker: the
     * worker stops when its standard input ends (see {@link SupervisorLink}).
     */
    static final String SUPERVISED = "supervised";
    /** Options of {@code healthcheck}; {@code --ready} is a switch. */
    static final List<String> HEALTHCHECK_OPTIONS = List.of("api-port", "url", "wait");
    static final String READY = "ready";
    /** {@code healthcheck --wait SECONDS}: up to a day, beyond any start. */
    static final String WAIT = "wait";
    static final int MAX_WAIT_SECONDS = 86_400;

    static Invocation parse(String[] argv, CommandCatalog catalog) throws UsageException {
        if (argv.length == 0) {
            return new Invocation("help", Map.of(), false, List.of());
        }
        String name = argv[0];
        if (name.equals("--help") || name.equals("-h")) {
            name = "help";
        } else if (name.equals("--version")) {
            name = "version";
        }
        CommandCatalog.Spec spec = catalog.find(name)
                .orElseThrow(() -> new UsageException("unknown command '" + argv[0] + "' (try 'aragora help')"));
        List<String> rest = List.of(argv).subList(1, argv.length);
        CommandLine.Syntax syntax = CommandLine.syntax();
        if (spec.kind() == CommandCatalog.Kind.BUNDLE) {
            CommandLine line = syntax.value(BUNDLE_OPTIONS.toArray(String[]::new)).flag(STRICT_ENV).extract(rest);
            return new Invocation(name, options(line, BUNDLE_OPTIONS), line.has(STRICT_ENV), line.positional());
        }
        if (name.equals("serve")) {
            syntax.value(SERVE_OPTIONS.toArray(String[]::new)).flag(STRICT_ENV, SUPERVISED);
        } else if (name.equals("healthcheck")) {
            syntax.value(HEALTHCHECK_OPTIONS.toArray(String[]::new)).flag(READY);
        }
        CommandLine line = syntax.parse(rest);
        if (!line.positional().isEmpty()) {
            throw new UsageException("'" + name + "' takes no arguments (got '" + line.positional().get(0) + "')");
        }
        Map<String, String> options = new LinkedHashMap<>(options(line, switch (name) {
            case "serve" -> SERVE_OPTIONS;
            case "healthcheck" -> HEALTHCHECK_OPTIONS;
            default -> List.<String>of();
        }));
        if (name.equals("healthcheck") && line.has(READY)) {
            options.put(READY, "true");
        }
        if (name.equals("healthcheck") && line.has(WAIT)) {
            options.put(WAIT, String.valueOf(line.integer(WAIT, 0, 0, MAX_WAIT_SECONDS)));
        }
        if (name.equals("serve") && line.has(SUPERVISED)) {
            options.put(SUPERVISED, "true");
        }
        return new Invocation(name, Map.copyOf(options), name.equals("serve") && line.has(STRICT_ENV), List.of());
    }

    private static Map<String, String> options(CommandLine line, List<String> names) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String n : names) {
            line.value(n).ifPresent(v -> options.put(n, v));
        }
        return Map.copyOf(options);
    }
}
