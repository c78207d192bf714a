package ai.aragora.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading deployment files (YAML documents as maps) and running the tools that check them. */
final class Manifests {

    record Result(int status, String output) {
    }

    private Manifests() {
    }

    static List<Map<String, Object>> yaml(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return documents(new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in));
        }
    }

    static List<Map<String, Object>> yamlText(String text) {
        return documents(new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text));
    }

    private static List<Map<String, Object>> documents(Iterable<Object> loaded) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : loaded) {
            if (doc != null) {
                docs.add(cast(doc));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        if (!(child instanceof Map)) {
            throw new AssertionError("'" + key + "' is not a mapping in " + parent.keySet());
        }
        return cast(child);
    }

    static List<?> list(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        return child == null ? List.of() : (List<?>) child;
    }

    static Map<String, Object> podTemplate(Map<String, Object> workload) {
        Map<String, Object> spec = map(workload, "spec");
        return "CronJob".equals(workload.get("kind")) ? map(map(map(spec, "jobTemplate"), "spec"), "template") : map(spec, "template");
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return cast(list(map(podTemplate(workload), "spec"), "containers").get(0));
    }

    /** Name to value, or to the valueFrom mapping. */
    static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (Object e : list(container, "env")) {
            Map<String, Object> var = cast(e);
            env.put((String) var.get("name"), var.containsKey("value") ? var.get("value") : var.get("valueFrom"));
        }
        return env;
    }

    static List<String> mountedClaims(Map<String, Object> workload) {
        List<String> claims = new ArrayList<>();
        for (Object v : list(map(podTemplate(workload), "spec"), "volumes")) {
            Object claim = ((Map<?, ?>) v).get("persistentVolumeClaim");
            if (claim != null) {
                claims.add((String) ((Map<?, ?>) claim).get("claimName"));
            }
        }
        return claims;
    }

    static Optional<Path> onPath(String name, Path fallback) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Files.isExecutable(fallback) ? Optional.of(fallback) : Optional.empty();
    }

    static boolean succeeds(List<String> command) {
        try {
            return run(new ProcessBuilder(command).redirectErrorStream(true)).status() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + "\n(still running after 60 s)");
        }
        return new Result(p.exitValue(), out);
    }
}
