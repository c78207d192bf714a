package ai.aragora.launcher.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A server's URL as operators write it ({@code scheme://[user[:password]@]host[:port][/path][?query]}),
 * taken apart once: the scheme one of those expected, a host, the user and password
 * percent-decoded. The one parser behind {@link DatabaseUrl} and the Redis URL. An error names what
 * the value was given as and the expected shape, and never quotes the value: it may hold a password.
 */
public final class ServerUrl {

    private final String name;
    private final String shape;
    private final String scheme;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean userOnly;
    private final URI uri;

    private ServerUrl(String name, String shape, String scheme, URI uri, int port, String user, String password, boolean userOnly) {
        this.name = name;
        this.shape = shape;
        this.scheme = scheme;
        this.uri = uri;
        this.host = uri.getHost();
        this.port = port;
        this.user = user;
        this.password = password;
        this.userOnly = userOnly;
    }

    /**
     * @param name what the value was given as ({@code DATABASE_URL}, {@code --to}), first in every error
     * @param shape an example of the expected form, for errors ({@code postgresql://user:pass@host:5432/db})
     * @param defaultPort the port when the URL names none
     * @param schemes the schemes accepted (compared ignoring case)
     */
    public static ServerUrl parse(String raw, String name, String shape, int defaultPort, List<String> schemes) throws UsageException {
        String must = name + " must look like " + shape;
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new UsageException(must + " (it is not a URL)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            // Without "://" what looks like a scheme may be a user name or password.
            boolean isScheme = raw.trim().regionMatches(true, 0, scheme + "://", 0, scheme.length() + 3);
            throw new UsageException(must + (isScheme ? " (the scheme is '" + scheme + "')" : " (no scheme)"));
        }
        if (uri.getHost() == null) {
            throw new UsageException(must + " (no host)");
        }
        String user = "";
        String password = "";
        boolean userOnly = false;
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            userOnly = colon < 0;
            user = decode(userOnly ? info : info.substring(0, colon), name);
            password = userOnly ? "" : decode(info.substring(colon + 1), name);
        }
        return new ServerUrl(name, shape, scheme, uri, uri.getPort() < 0 ? defaultPort : uri.getPort(), user, password, userOnly);
    }

    /** The scheme, in lower case. */
    public String scheme() {
        return scheme;
    }

    public String host() {
        return host;
    }

    /** The port given, or the default one. */
    public int port() {
        return port;
    }

    /** The user, decoded; empty when none is given. */
    public String user() {
        return user;
    }

    /** The password, decoded; empty when none is given. */
    public String password() {
        return password;
    }

    /** Whether the user info has no colon ({@code scheme://someone@host}): a user alone, or for Redis a password alone. */
    public boolean userOnly() {
        return userOnly;
    }

    /** The path as written (still percent-encoded); empty when there is none. */
    public String rawPath() {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    /** The query as written, or null when there is none. */
    public String rawQuery() {
        return uri.getRawQuery();
    }

    /** Whether the URL has a {@code #fragment}. */
    public boolean hasFragment() {
        return uri.getRawFragment() != null;
    }

    /** The error for a URL refused for {@code why}, in the same words as the parser's own (never quoting the value). */
    public UsageException refused(String why) {
        return new UsageException(name + " must look like " + shape + " (" + why + ")");
    }

    @Override
    public String toString() {
        return scheme + "://" + (user.isEmpty() ? "" : user + "@") + host + ":" + port + rawPath() + (password.isEmpty() ? "" : " (password set)");
    }

    private static String decode(String s, String name) throws UsageException {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": the user or password has a malformed %-escape");
        }
    }
}
