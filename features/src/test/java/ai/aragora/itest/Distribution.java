package ai.aragora.itest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
