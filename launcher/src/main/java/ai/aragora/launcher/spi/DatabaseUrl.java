package ai.aragora.launcher.spi;

import java.util.List;

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
        ServerUrl url = ServerUrl.parse(raw, name, "postgresql://user:pass@host:5432/db", 5432, List.of("postgresql", "postgres"));
        String path = url.rawPath();
        if (!path.matches("/[A-Za-z0-9_$.-]{1,63}")) {
            throw url.refused("no database name");
        }
        String jdbc = "jdbc:postgresql://" + url.host() + ":" + url.port() + path + (url.rawQuery() == null ? "" : "?" + url.rawQuery());
        return new DatabaseUrl(jdbc, url.user(), url.password());
    }

    /** Where the database is, for messages: no credentials, no query (it may carry {@code password=}). */
    public String location() {
        return jdbcUrl.substring("jdbc:".length()).replaceFirst("\\?.*$", "");
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + user + ", password=****]";
    }
}
