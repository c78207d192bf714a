package ai.aragora.webhooks.outbound;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import ai.aragora.api.webhook.Destination;
import ai.aragora.api.webhook.OutboundPolicy;
import ai.aragora.api.webhook.RefusedDestinationException;

/**
 * Where the server may send requests: http(s) URLs (https only when required, unless the host is
 * allowed) whose host resolves only to public addresses, or to addresses and hosts the operator
 * allows. Checked when a URL is given and again before each request, since DNS can change.
 */
public final class OutboundRules implements OutboundPolicy {

    /** Looks up a host's addresses; tests answer without DNS. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final int MAX_URL = 2048;

    private final AllowedHosts allowed;
    private final boolean requireHttps;
    private final Resolver resolver;

    public OutboundRules(AllowedHosts allowed, boolean requireHttps, Resolver resolver) {
        this.allowed = allowed;
        this.requireHttps = requireHttps;
        this.resolver = resolver;
    }

    @Override
    public URI check(String url) {
        Parsed p = parse(url);
        if (!p.named()) {
            addresses(p);
        }
        return p.uri();
    }

    @Override
    public Destination resolve(String url) {
        Parsed p = parse(url);
        return new Destination(p.uri(), addresses(p));
    }

    private record Parsed(URI uri, String host, boolean named) {
    }

    private Parsed parse(String url) {
        if (url == null || url.isBlank()) {
            throw new RefusedDestinationException("url is required");
        }
        if (url.length() > MAX_URL) {
            throw new RefusedDestinationException("url is longer than " + MAX_URL + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new RefusedDestinationException("url is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new RefusedDestinationException("url must be http or https");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new RefusedDestinationException("url has no host");
        }
        if (uri.getUserInfo() != null) {
            throw new RefusedDestinationException("url must not carry credentials");
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean named = allowed.allowsName(bare);
        if (requireHttps && scheme.equals("http") && !named) {
            throw new RefusedDestinationException("url must be https (" + bare + " is not in ARAGORA_WEBHOOK_ALLOWED_HOSTS)");
        }
        return new Parsed(uri, bare, named);
    }

    /** One lookup of the host; unless the operator allows it by name, every address must be public or allowed. */
    private List<InetAddress> addresses(Parsed p) {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(p.host());
        } catch (UnknownHostException e) {
            throw new RefusedDestinationException("url host " + p.host() + " does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new RefusedDestinationException("url host " + p.host() + " does not resolve");
        }
        for (InetAddress a : addresses) {
            String why = AddressClass.refused(a);
            if (why != null && !p.named() && !allowed.allows(a)) {
                throw new RefusedDestinationException("url host " + p.host() + " resolves to " + why + " (" + a.getHostAddress()
                        + "); allow it with ARAGORA_WEBHOOK_ALLOWED_HOSTS");
            }
        }
        return List.of(addresses);
    }
}
