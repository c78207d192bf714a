package ai.aragora.webhooks.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the operator allows beyond public addresses ({@code ARAGORA_WEBHOOK_ALLOWED_HOSTS}): a
 * comma list of host names and CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code fd00::/8}).
 */
public final class AllowedHosts {

    private record Range(byte[] network, int bits) {

        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    public static final AllowedHosts NONE = new AllowedHosts(Set.of(), List.of());

    private final Set<String> names;
    private final List<Range> ranges;

    private AllowedHosts(Set<String> names, List<Range> ranges) {
        this.names = names;
        this.ranges = ranges;
    }

    /**
     * @throws IllegalArgumentException naming the entry that is neither a host name nor a CIDR range
     */
    public static AllowedHosts parse(String list) {
        Set<String> names = new TreeSet<>();
        List<Range> ranges = new ArrayList<>();
        if (list == null) {
            return NONE;
        }
        for (String raw : list.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("[") && entry.endsWith("]")) {
                entry = entry.substring(1, entry.length() - 1);
            }
            int slash = entry.indexOf('/');
            if (slash >= 0 || literal(entry)) {
                String address = slash >= 0 ? entry.substring(0, slash) : entry;
                byte[] network = literalBytes(address, raw);
                int bits = network.length * 8;
                if (slash >= 0) {
                    try {
                        bits = Integer.parseInt(entry.substring(slash + 1));
                    } catch (NumberFormatException e) {
                        bits = -1;
                    }
                    if (bits < 0 || bits > network.length * 8) {
                        throw new IllegalArgumentException("allowed hosts: '" + raw.trim() + "' has a bad prefix length");
                    }
                }
                ranges.add(new Range(network, bits));
                names.add(entry);
            } else if (entry.matches("[a-z0-9.-]+")) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException("allowed hosts: '" + raw.trim() + "' is neither a host name nor a CIDR range");
            }
        }
        return new AllowedHosts(Set.copyOf(names), List.copyOf(ranges));
    }

    /** Whether the URL's host is listed by name (or as the literal address it is). */
    public boolean allowsName(String host) {
        return names.contains(host.toLowerCase(Locale.ROOT));
    }

    public boolean allows(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    static boolean literal(String s) {
        return s.matches("[0-9.]+") && s.chars().filter(ch -> ch == '.').count() == 3 || s.contains(":");
    }

    private static byte[] literalBytes(String address, String raw) {
        if (!literal(address)) {
            throw new IllegalArgumentException("allowed hosts: '" + raw.trim() + "' is not an address range");
        }
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("allowed hosts: '" + raw.trim() + "' is not an address");
        }
    }
}
