package ai.aragora.itest;

import java.io.IOException;
import java.net.ServerSocket;
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
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

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
