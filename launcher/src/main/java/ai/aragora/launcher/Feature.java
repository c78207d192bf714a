package ai.aragora.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployable set of bundles and configurations, read from an OSGi Features JSON document
 * (OSGi Compendium R8, chapter 160). Bundle ids are Maven coordinates, resolved against a
 * repository laid out like a Maven repository.
 */
record Feature(String name, String id, String description, List<Bundle> bundles,
        Map<String, Map<String, Object>> configurations) {

    /** Start level for bundles that do not say: the application tier. */
    static final int DEFAULT_START_ORDER = 4;

    record Bundle(String id, int startOrder) {

        /** {@code groupId:artifactId[:type[:classifier]]:version} to a repository-relative path. */
        Path path(Path repository) {
            String[] parts = id.split(":");
            if (parts.length < 3 || parts.length > 5) {
                throw new IllegalArgumentException("bundle id '" + id + "' is not groupId:artifactId[:type[:classifier]]:version");
            }
            String group = parts[0];
            String artifact = parts[1];
            String version = parts[parts.length - 1];
            String type = parts.length >= 4 ? parts[2] : "jar";
            String classifier = parts.length == 5 ? "-" + parts[3] : "";
            return repository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                    .resolve(artifact + "-" + version + classifier + "." + type);
        }
    }

    static Feature read(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.json$", "");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("unknown feature '" + name + "' (no " + file + ")");
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("feature " + file + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> doc)) {
            throw new IllegalArgumentException("feature " + file + ": not a JSON object");
        }
        String id = string(doc, "id", file);
        String description = doc.get("description") instanceof String s ? s : "";
        List<Bundle> bundles = new ArrayList<>();
        if (doc.get("bundles") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof String s) {
                    bundles.add(new Bundle(s, DEFAULT_START_ORDER));
                } else if (entry instanceof Map<?, ?> m) {
                    int order = m.get("start-order") instanceof Long l ? l.intValue() : DEFAULT_START_ORDER;
                    bundles.add(new Bundle(string(m, "id", file), order));
                } else {
                    throw new IllegalArgumentException("feature " + file + ": a bundle entry is neither a string nor an object");
                }
            }
        }
        Map<String, Map<String, Object>> configurations = new LinkedHashMap<>();
        if (doc.get("configurations") instanceof Map<?, ?> configs) {
            for (Map.Entry<?, ?> e : configs.entrySet()) {
                if (!(e.getValue() instanceof Map<?, ?> props)) {
                    throw new IllegalArgumentException("feature " + file + ": configuration " + e.getKey() + " is not an object");
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                props.forEach((k, v) -> copy.put(String.valueOf(k), v));
                configurations.put(String.valueOf(e.getKey()), copy);
            }
        }
        return new Feature(name, id, description, List.copyOf(bundles), configurations);
    }

    private static String string(Map<?, ?> map, String key, Path file) {
        if (map.get(key) instanceof String s && !s.isBlank()) {
            return s;
        }
        throw new IllegalArgumentException("feature " + file + ": missing \"" + key + "\"");
    }
}
