package ai.aragora.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Where the built distribution and the test data live; shared by the test side and the probe (one JVM). */
public final class Distribution {

    private Distribution() {
    }

    public static Path home() {
        String dist = System.getProperty("aragora.dist");
        if (dist == null) {
            throw new IllegalStateException("system property aragora.dist is not set: run the tests through Maven (failsafe)");
        }
        return Path.of(dist);
    }

    public static Path newDataDir(String name) throws IOException {
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "aragora-it");
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name + "-");
    }

    /** A port free right now; good enough on loopback for one test run. */
    public static int freePort() throws IOException {
        // the kernel may hand out a port it just gave: two asked for together (an API and a
        // WebSocket port) must differ, so a port is never given twice in one test JVM
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (GIVEN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no port that was not given before in 100 attempts");
    }

    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * {@code bin/aragora} with these arguments on this data dir: none of the test's own
     * {@code ARAGORA_*} variables, the data and temp dirs set, then {@code env}.
     */
    public static ProcessBuilder aragora(Path data, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home().resolve("bin/aragora").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("ARAGORA_"));
        builder.environment().put("ARAGORA_DATA_DIR", data.toString());
        builder.environment().put("ARAGORA_TEMP_DIR", data.resolve("tmp").toString());
        builder.environment().putAll(env);
        return builder;
    }

    /** What one run of {@code bin/aragora} said: its exit status, stdout and stderr. */
    public record Run(int status, String out, String err) {
        /** Both streams, stdout first. */
        public String all() {
            return out + err;
        }
    }

    /**
     * Runs {@code bin/aragora} as {@link #aragora} does, to its end, its output kept in
     * {@code data} ({@code out-N.log}, {@code err-N.log}); the process is added to
     * {@code started}, so a test's {@link #stopAll} ends one that hangs.
     *
     * @throws AssertionError when it has not ended within five minutes
     */
    public static Run run(Path data, Map<String, String> env, List<Process> started, String... args)
            throws IOException, InterruptedException {
        int n = started.size();
        Process process = aragora(data, env, args)
                .redirectOutput(data.resolve("out-" + n + ".log").toFile())
                .redirectError(data.resolve("err-" + n + ".log").toFile())
                .start();
        started.add(process);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            throw new AssertionError("aragora " + String.join(" ", args) + " did not end within 300 s");
        }
        return new Run(process.exitValue(), Files.readString(data.resolve("out-" + n + ".log"), StandardCharsets.UTF_8),
                Files.readString(data.resolve("err-" + n + ".log"), StandardCharsets.UTF_8));
    }

    /** Ends the processes a test started that still run. */
    public static void stopAll(List<Process> started) throws InterruptedException {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
