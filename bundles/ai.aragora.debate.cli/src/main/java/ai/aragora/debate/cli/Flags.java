package ai.aragora.debate.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value}, {@code --name=value} and {@code --switch}, and what is left. */
final class Flags {

    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> switches = new HashSet<>();

    static Flags parse(List<String> args, Set<String> valued, Set<String> switches) throws UsageException {
        Flags flags = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                flags.positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (switches.contains(name)) {
                if (value != null) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                flags.switches.add(name);
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                        throw new UsageException("option --" + name + " needs a value");
                    }
                    value = args.get(++i);
                }
                if (flags.values.put(name, value) != null) {
                    throw new UsageException("option --" + name + " is given twice");
                }
            } else {
                throw new UsageException("unknown option '--" + name + "'");
            }
        }
        return flags;
    }

    List<String> positional() {
        return positional;
    }

    boolean has(String name) {
        return switches.contains(name) || values.containsKey(name);
    }

    String value(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback, int min, int max) throws UsageException {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException("--" + name + " must be a whole number from " + min + " to " + max + " (got '" + raw + "')");
    }

    long longValue(String name, long fallback) throws UsageException {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number (got '" + raw + "')");
        }
    }

    double decimal(String name, double fallback) throws UsageException {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number (got '" + raw + "')");
        }
    }

    /** A comma-separated list, blanks dropped. */
    List<String> list(String name, List<String> fallback) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        List<String> items = new ArrayList<>();
        for (String part : raw.split(",")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return items;
    }
}
