package ai.aragora.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The part of kustomize that deploy/kubernetes uses, so the build renders both variants without
 * kubectl: resources (files and bases), strategic-merge patches (mappings merged, lists of named
 * items merged by name, {@code null} and {@code $patch: delete} removing) and the namespace.
 * {@link DeployFilesTest} compares the result with {@code kubectl kustomize} where kubectl is installed.
 */
final class Kustomization {

    private static final String PATCH = "$patch";

    private Kustomization() {
    }

    static List<Map<String, Object>> render(Path dir) throws IOException {
        Map<String, Object> kustomization = Manifests.yaml(dir.resolve("kustomization.yaml")).get(0);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : Manifests.list(kustomization, "resources")) {
            Path path = dir.resolve((String) resource).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : Manifests.yaml(path));
        }
        for (Object patch : Manifests.list(kustomization, "patches")) {
            for (Map<String, Object> doc : Manifests.yaml(dir.resolve((String) ((Map<?, ?>) patch).get("path")))) {
                Map<String, Object> target = find(objects, (String) doc.get("kind"), (String) Manifests.map(doc, "metadata").get("name"));
                if (target == null) {
                    throw new AssertionError("patch for " + doc.get("kind") + " " + Manifests.map(doc, "metadata").get("name")
                            + " in " + dir + " matches nothing");
                }
                if ("delete".equals(doc.get(PATCH))) {
                    objects.remove(target);
                } else {
                    merge(target, doc);
                }
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.stream().filter(o -> !"Namespace".equals(o.get("kind"))).forEach(o -> Manifests.map(o, "metadata").put("namespace", namespace));
        }
        return objects;
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(Manifests.map(o, "metadata").get("name")))
                .findFirst().orElse(null);
    }

    private static void merge(Map<String, Object> target, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            Object current = target.get(e.getKey());
            Object value = e.getValue();
            if (e.getKey().equals(PATCH)) {
                continue;
            }
            if (value == null) {
                target.remove(e.getKey());
            } else if (value instanceof Map<?, ?> m && current instanceof Map<?, ?> c) {
                merge(Manifests.cast(c), Manifests.cast(m));
            } else if (value instanceof List<?> l && current instanceof List<?> c && named(l) && named(c)) {
                mergeByName(c, l);
            } else {
                target.put(e.getKey(), value);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void mergeByName(List<?> list, List<?> patch) {
        List<Object> target = (List<Object>) list;
        for (Object p : patch) {
            Map<String, Object> item = Manifests.cast(p);
            Map<String, Object> existing = null;
            for (Object t : target) {
                if (item.get("name").equals(((Map<?, ?>) t).get("name"))) {
                    existing = Manifests.cast(t);
                }
            }
            if ("delete".equals(item.get(PATCH))) {
                target.remove(existing);
            } else if (existing != null) {
                merge(existing, item);
            } else {
                target.add(0, item);
            }
        }
    }

    private static boolean named(List<?> list) {
        return !list.isEmpty() && list.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    /** Objects keyed by kind and name, lists of named items in name order: what must agree whatever the order. */
    static Map<String, Object> normalized(List<Map<String, Object>> objects) {
        Map<String, Object> out = new TreeMap<>();
        for (Map<String, Object> o : objects) {
            out.put(o.get("kind") + "/" + Manifests.map(o, "metadata").get("name"), normalize(o));
        }
        return out;
    }

    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, v) -> out.put(k.toString(), normalize(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            if (named(l)) {
                out.sort(Comparator.comparing(v -> (String) ((Map<?, ?>) v).get("name")));
            }
            return out;
        }
        return value;
    }
}
