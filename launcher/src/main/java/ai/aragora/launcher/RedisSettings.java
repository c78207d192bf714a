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
 * changes. {@code KNOWLEDGE_MOUND_REDIS_URL}, of the same form, is where the Knowledge Mound's
 * searches are shared between instances (the same server or another); it boots the feature for
 * anything that loads the mound, the commands that write to it included, so that their writes
 * reach the shared searches. The passwords reach Configuration Admin only, never a message.
 */
record RedisSettings(Optional<Url> url, Optional<Url> knowledgeUrl) {

    static final String VARIABLE = "ARAGORA_REDIS_URL";
    static final String KNOWLEDGE_VARIABLE = "KNOWLEDGE_MOUND_REDIS_URL";
    static final String FEATURE = "redis";
    static final String PID = "ai.aragora.storage.redis";
    static final String CACHE_PID = "ai.aragora.storage.redis.cache";

    /** The parts of the URL; {@link #toString()} leaves the password out. */
    record Url(boolean tls, String host, int port, String user, String password, int database) {

        @Override
        public String toString() {
            return (tls ? "rediss://" : "redis://") + (user.isEmpty() ? "" : user + "@") + host + ":" + port + "/" + database
                    + (password.isEmpty() ? "" : " (password set)");
        }
    }

    static RedisSettings from(Map<String, String> env) throws UsageException {
        return new RedisSettings(url(env, VARIABLE), url(env, KNOWLEDGE_VARIABLE));
    }

    private static Optional<Url> url(Map<String, String> env, String variable) throws UsageException {
        Optional<String> raw = value(env, variable);
        return raw.isPresent() ? Optional.of(parse(raw.get(), variable)) : Optional.empty();
    }

    static Url parse(String raw) throws UsageException {
        return parse(raw, VARIABLE);
    }

    /** An error never quotes the value: it may hold the password. */
    static Url parse(String raw, String variable) throws UsageException {
        ServerUrl url = ServerUrl.parse(raw, variable, "redis://[user:password@]host:6379[/db] or rediss://...", 6379,
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

    /** A server (the http feature) gets the broker when Redis is configured; the mound, its shared cache. */
    List<String> select(List<String> features) {
        boolean broker = url.isPresent() && features.contains("http");
        boolean cache = knowledgeUrl.isPresent() && features.contains("knowledge");
        if (!(broker || cache) || features.contains(FEATURE)) {
            return features;
        }
        List<String> out = new ArrayList<>(features);
        out.add(FEATURE);
        return List.copyOf(out);
    }

    void configure(Map<String, Map<String, Object>> configs) {
        url.ifPresent(u -> server(configs.computeIfAbsent(PID, k -> new LinkedHashMap<>()), u));
        knowledgeUrl.ifPresent(u -> {
            Map<String, Object> cache = configs.computeIfAbsent(CACHE_PID, k -> new LinkedHashMap<>());
            cache.put("cache.purpose", "knowledge-mound");
            server(cache, u);
        });
    }

    private static void server(Map<String, Object> config, Url u) {
        config.put("host", u.host());
        config.put("port", u.port());
        config.put("tls", u.tls());
        config.put("user", u.user());
        config.put(".password", u.password());
        config.put("database", u.database());
    }

    @Override
    public String toString() {
        return url.map(Url::toString).orElse("unset") + knowledgeUrl.map(u -> ", knowledge mound cache " + u).orElse("");
    }
}
