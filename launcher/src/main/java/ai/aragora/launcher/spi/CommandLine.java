package ai.aragora.launcher.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one argument parser of {@code aragora} and its commands. A {@link Syntax} declares the
 * options; parsing yields the options given and the positional arguments. Spellings:
 * {@code --name value}, {@code --name=value}, a one-letter name also as {@code -n value};
 * {@code --switch} for a flag; {@code --} ends the options. Every error is a
 * {@link UsageException} whose message starts with the option it is about, e.g.
 * {@code --rounds: expected a number, got 'x'}.
 */
public final class CommandLine {

    private enum Kind { FLAG, VALUE, REPEATED }

    /** The options a command accepts. */
    public static final class Syntax {

        private final Map<String, Kind> options = new LinkedHashMap<>();

        /** Options given without a value: {@code --json}. */
        public Syntax flag(String... names) {
            return declare(Kind.FLAG, names);
        }

        /** Options that take one value, at most once: {@code --rounds 3}. */
        public Syntax value(String... names) {
            return declare(Kind.VALUE, names);
        }

        /** Options that take a value and may be given several times: {@code --pubkey a --pubkey b}. */
        public Syntax repeated(String... names) {
            return declare(Kind.REPEATED, names);
        }

        private Syntax declare(Kind kind, String... names) {
            for (String name : names) {
                if (!name.matches("[a-z0-9][a-z0-9-]*") || options.putIfAbsent(name, kind) != null) {
                    throw new IllegalArgumentException("option name '" + name + "' is invalid or declared twice");
                }
            }
            return this;
        }

        /** Parses a whole command line: an option not declared here is a usage error. */
        public CommandLine parse(List<String> args) throws UsageException {
            return parse(args, true);
        }

        /**
         * Takes the declared options out of {@code args} and leaves everything else, in order, as
         * the positional arguments: for a caller that handles some options and passes the rest on.
         */
        public CommandLine extract(List<String> args) throws UsageException {
            return parse(args, false);
        }

        private CommandLine parse(List<String> args, boolean strict) throws UsageException {
            CommandLine line = new CommandLine(this);
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--")) {
                    // Passed on, the marker stays: it means the same to whoever parses the rest.
                    line.positional.addAll(args.subList(strict ? i + 1 : i, args.size()));
                    break;
                }
                Optional<String[]> spelled = spelling(arg);
                if (spelled.isEmpty()) {
                    line.positional.add(arg);
                    continue;
                }
                String name = spelled.get()[0];
                String value = spelled.get()[1];
                Kind kind = options.get(name);
                if (kind == null) {
                    if (strict) {
                        throw new UsageException(display(name) + ": unknown option" + known());
                    }
                    line.positional.add(arg);
                    continue;
                }
                if (kind == Kind.FLAG) {
                    if (value != null) {
                        throw new UsageException(display(name) + ": takes no value, got '" + value + "'");
                    }
                    if (line.values.put(name, List.of()) != null) {
                        throw new UsageException(display(name) + ": given twice");
                    }
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException(display(name) + ": expected a value");
                    }
                    value = args.get(++i);
                }
                List<String> given = line.values.computeIfAbsent(name, k -> new ArrayList<>());
                if (kind == Kind.VALUE && !given.isEmpty()) {
                    throw new UsageException(display(name) + ": given twice");
                }
                given.add(value);
            }
            return line;
        }

        /** {@code [name, value or null]} when the argument is spelled as an option. */
        private static Optional<String[]> spelling(String arg) {
            String body;
            if (arg.startsWith("--") && arg.length() > 2) {
                body = arg.substring(2);
            } else if (arg.length() >= 2 && arg.charAt(0) == '-' && Character.isLetter(arg.charAt(1))
                    && (arg.length() == 2 || arg.charAt(2) == '=')) {
                body = arg.substring(1);
            } else {
                return Optional.empty();
            }
            int eq = body.indexOf('=');
            return Optional.of(eq < 0 ? new String[] {body, null} : new String[] {body.substring(0, eq), body.substring(eq + 1)});
        }

        private String known() {
            if (options.isEmpty()) {
                return " (this command takes none)";
            }
            return " (expected " + String.join(", ", options.keySet().stream().map(CommandLine::display).toList()) + ")";
        }
    }

    private final Syntax syntax;
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private CommandLine(Syntax syntax) {
        this.syntax = syntax;
    }

    public static Syntax syntax() {
        return new Syntax();
    }

    /** How the option is written: {@code -o} for a one-letter name, {@code --name} otherwise. */
    public static String display(String name) {
        return (name.length() == 1 ? "-" : "--") + name;
    }

    /** The arguments no option took, in order. */
    public List<String> positional() {
        return Collections.unmodifiableList(positional);
    }

    /** @throws UsageException naming the first argument when there is any */
    public void noPositional() throws UsageException {
        if (!positional.isEmpty()) {
            throw new UsageException("unexpected argument '" + positional.get(0) + "'");
        }
    }

    /** The one positional argument; {@code what} names it in the error when there is not exactly one. */
    public String single(String what) throws UsageException {
        if (positional.size() != 1) {
            throw new UsageException("expected " + what + (positional.isEmpty() ? "" : ", got " + positional.size() + " arguments"));
        }
        return positional.get(0);
    }

    /** Whether the option was given, flag or not. */
    public boolean has(String name) {
        declared(name);
        return values.containsKey(name);
    }

    public Optional<String> value(String name) {
        declared(name);
        List<String> given = values.get(name);
        return given == null || given.isEmpty() ? Optional.empty() : Optional.of(given.get(0));
    }

    public String value(String name, String fallback) {
        return value(name).orElse(fallback);
    }

    /** Every value of an option, in the order given. */
    public List<String> values(String name) {
        declared(name);
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /** A whole number in {@code [min, max]}. */
    public int integer(String name, int fallback, int min, int max) throws UsageException {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        long v = whole(name, raw.get());
        if (v < min || v > max) {
            throw new UsageException(display(name) + ": expected a number from " + min + " to " + max + ", got '" + raw.get() + "'");
        }
        return (int) v;
    }

    /** Any whole number that fits 64 bits. */
    public long longInteger(String name, long fallback) throws UsageException {
        Optional<String> raw = value(name);
        return raw.isEmpty() ? fallback : whole(name, raw.get());
    }

    public double decimal(String name, double fallback) throws UsageException {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(raw.get().trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(display(name) + ": expected a number, got '" + raw.get() + "'");
    }

    /** One of {@code allowed}. */
    public String choice(String name, String fallback, String... allowed) throws UsageException {
        String v = value(name, fallback);
        if (!List.of(allowed).contains(v)) {
            throw new UsageException(display(name) + ": expected " + String.join(" or ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** A comma-separated list, blanks dropped. */
    public List<String> list(String name, List<String> fallback) {
        Optional<String> raw = value(name);
        if (raw.isEmpty()) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        for (String part : raw.get().split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return List.copyOf(items);
    }

    private static long whole(String name, String raw) throws UsageException {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(display(name) + ": expected a number, got '" + raw + "'");
        }
    }

    private void declared(String name) {
        if (!syntax.options.containsKey(name)) {
            throw new IllegalArgumentException("option '" + name + "' is not declared");
        }
    }
}
