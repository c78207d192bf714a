package ai.aragora.api.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A URL the outbound policy accepted, with the addresses its host resolved to when it was checked.
 * A request goes to one of these addresses, never to a second lookup of the name: a resolver that
 * answers differently a moment later (DNS rebinding) cannot send it elsewhere.
 */
public record Destination(URI url, List<InetAddress> addresses) {

    public Destination {
        Objects.requireNonNull(url, "url");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a destination needs the addresses it was checked at");
        }
    }
}
