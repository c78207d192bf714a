package ai.aragora.launcher;

import static ai.aragora.launcher.Settings.value;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * {@code ARAGORA_REDIS_URL} ({@code redis://[user:password@]host[:port][/db]}, {@code rediss://}
 * for TLS), taken apart once. With it a server boots the {@code redis} feature; without it nothing
 * changes. The password reaches Configuration Admin only, never a message.
 */
record RedisSettings(Optional<Url> url) {

    static final String VARIABLE = "ARAGORA_REDIS_URL";
    static final String FEATURE = "redis";
    static final String PID = "ai.aragora.storage.redis";

    /** The parts of the URL; {@link #toString()} leaves the password out. */
    record Url(boolean tls, String host, int port, String user, String password, int database) {

        @Override
        public String toString() {
            return (tls ? "rediss://" : "redis://") + (user.isEmpty() ? "" : user + "@") + host + ":" + port + "/" + database
                    + (password.isEmpty() ? "" : " (password set)");
        }
    }

    static RedisSettings from(Map<String, String> env) throws UsageException {
        Optional<String> raw = value(env, VARIABLE);
        return new RedisSettings(raw.isPresent() ? Optional.of(parse(raw.get())) : Optional.empty());
    }

    /** An error never quotes the value: it may hold the password. */
    static Url parse(String raw) throws UsageException {
        String shape = VARIABLE + " must look like redis://[user:password@]host:6379[/db] or rediss://...";
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw new UsageException(shape + " (it is not a URL)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw new UsageException(shape + " (the scheme is '" + scheme + "')");
        }
        if (uri.getHost() == null) {
            throw new UsageException(shape + " (no host)");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UsageException(shape + " (no query or fragment)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        int database = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            if (!path.matches("/[0-9]{1,5}")) {
                throw new UsageException(shape + " (the path must be a database index)");
            }
            database = Integer.parseInt(path.substring(1));
        }
        String user = "";
        String password = "";
        if (uri.getRawUserInfo() != null) {
            String info = uri.getRawUserInfo();
            int colon = info.indexOf(':');
            // redis://:password@host is the common form for the default user
            user = decode(colon < 0 ? info : info.substring(0, colon));
            password = colon < 0 ? "" : decode(info.substring(colon + 1));
            if (colon < 0) {
                password = user;
                user = "";
            }
        }
        return new Url(scheme.equals("rediss"), uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(), user, password, database);
    }

    private static String decode(String s) throws UsageException {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException(VARIABLE + ": the user or password has a malformed %-escape");
        }
    }

    /** A server (the http feature) gets the broker when Redis is configured. */
    List<String> select(List<String> features) {
        if (url.isEmpty() || !features.contains("http") || features.contains(FEATURE)) {
            return features;
        }
        List<String> out = new ArrayList<>(features);
        out.add(FEATURE);
        return List.copyOf(out);
    }

    void configure(Map<String, Map<String, Object>> configs) {
        url.ifPresent(u -> {
            Map<String, Object> redis = configs.computeIfAbsent(PID, k -> new LinkedHashMap<>());
            redis.put("host", u.host());
            redis.put("port", u.port());
            redis.put("tls", u.tls());
            redis.put("user", u.user());
            redis.put(".password", u.password());
            redis.put("database", u.database());
        });
    }

    @Override
    public String toString() {
        return url.map(Url::toString).orElse("unset");
    }
}
