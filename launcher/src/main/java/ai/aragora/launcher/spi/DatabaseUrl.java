package ai.aragora.launcher.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A PostgreSQL URL as operators write it ({@code postgresql://user:pass@host:port/db?params}, or
 * {@code postgres://}), taken apart for JDBC: user and password percent-decoded. The one parser
 * of {@code DATABASE_URL} and of a command's database option; prints without the password.
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /**
     * @param name what the value was given as ({@code DATABASE_URL}, {@code --to}), first in every error;
     *            an error never quotes the value, which may hold the password
     */
    public static DatabaseUrl parse(String raw, String name) throws UsageException {
        String shape = name + " must look like postgresql://user:pass@host:5432/db";
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new UsageException(shape + " (it is not a URL)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("postgresql") && !scheme.equals("postgres")) {
            throw new UsageException(shape + " (the scheme is '" + scheme + "')");
        }
        if (uri.getHost() == null) {
            throw new UsageException(shape + " (no host)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!path.matches("/[A-Za-z0-9_$.-]{1,63}")) {
            throw new UsageException(shape + " (no database name)");
        }
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            user = decode(colon < 0 ? info : info.substring(0, colon), name);
            password = colon < 0 ? "" : decode(info.substring(colon + 1), name);
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String jdbc = "jdbc:postgresql://" + uri.getHost() + ":" + port + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new DatabaseUrl(jdbc, user, password);
    }

    /** Where the database is, for messages: no credentials, no query (it may carry {@code password=}). */
    public String location() {
        return jdbcUrl.substring("jdbc:".length()).replaceFirst("\\?.*$", "");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=****]";
    }

    private static String decode(String s, String name) throws UsageException {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": the user or password has a malformed %-escape");
        }
    }
}
