package ai.aragora.launcher;

import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The launcher's own log lines, written before the framework's logging is up and after it is
 * down, in the same shape as the server's log so operators read one stream.
 */
final class Log {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final PrintStream out;
    private final int threshold;

    Log(PrintStream out, String level) {
        this.out = out;
        this.threshold = Math.max(0, LEVELS.indexOf(level));
    }

    boolean debugEnabled() {
        return threshold <= LEVELS.indexOf("DEBUG");
    }

    void debug(String message) {
        write("DEBUG", message);
    }

    void info(String message) {
        write("INFO", message);
    }

    void warn(String message) {
        write("WARN", message);
    }

    void error(String message) {
        write("ERROR", message);
    }

    private void write(String level, String message) {
        if (LEVELS.indexOf(level) >= threshold) {
            out.println(TIME.format(Instant.now()) + " " + String.format("%-5s", level) + " [main] ai.aragora.launcher - " + message);
        }
    }
}
