package ai.aragora.launcher;

import static ai.aragora.launcher.Settings.value;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.ServerUrl;
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
        ServerUrl url = ServerUrl.parse(raw, VARIABLE, "redis://[user:password@]host:6379[/db] or rediss://...", 6379,
                List.of("redis", "rediss"));
        if (url.rawQuery() != null || url.hasFragment()) {
            throw url.refused("no query or fragment");
        }
        String path = url.rawPath();
        int database = 0;
        if (!path.isEmpty() && !path.equals("/")) {
            if (!path.matches("/[0-9]{1,5}")) {
                throw url.refused("the path must be a database index");
            }
            database = Integer.parseInt(path.substring(1));
        }
        // redis://password@host and redis://:password@host are the common forms for the default user
        boolean passwordOnly = url.userOnly();
        return new Url(url.scheme().equals("rediss"), url.host(), url.port(), passwordOnly ? "" : url.user(),
                passwordOnly ? url.user() : url.password(), database);
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
