package ai.aragora.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed command line: the subcommand, the launcher's own options, and what is left for the command. */
record Invocation(String command, Map<String, String> options, List<String> args) {

    /** Options the launcher itself understands for {@code serve}. */
    static final Set<String> SERVE_OPTIONS = Set.of("api-port", "ws-port", "host", "features");

    /** Options that are switches: present or not, they take no value. */
    static final Set<String> FLAGS = Set.of("ready");

    static Invocation parse(String[] argv, CommandCatalog catalog) throws UsageException {
        if (argv.length == 0) {
            return new Invocation("help", Map.of(), List.of());
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
        if (spec.kind() == CommandCatalog.Kind.BUNDLE) {
            return bundleCommand(name, rest);
        }
        Map<String, String> options = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                args.add(arg);
                continue;
            }
            String key = arg.substring(2);
            String value = null;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            }
            if (!spec.options().contains(key)) {
                throw new UsageException("unknown option '--" + key + "' for '" + name + "'");
            }
            if (FLAGS.contains(key)) {
                if (value != null) {
                    throw new UsageException("option '--" + key + "' takes no value");
                }
                value = "true";
            } else if (value == null) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new UsageException("option '--" + key + "' needs a value");
                }
                value = rest.get(++i);
            }
            options.put(key, value);
        }
        if (!args.isEmpty()) {
            throw new UsageException("'" + name + "' takes no arguments (got '" + args.get(0) + "')");
        }
        return new Invocation(name, Map.copyOf(options), List.of());
    }

    /**
     * A bundle command's arguments are its own, except {@code --features}: the launcher takes that
     * one to boot other features than the command's defaults (a benchmark on SQLite, say).
     */
    private static Invocation bundleCommand(String name, List<String> rest) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.startsWith("--features=")) {
                options.put("features", arg.substring("--features=".length()));
            } else if (arg.equals("--features")) {
                if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) {
                    throw new UsageException("option '--features' needs a value");
                }
                options.put("features", rest.get(++i));
            } else {
                args.add(arg);
            }
        }
        return new Invocation(name, Map.copyOf(options), List.copyOf(args));
    }
}
