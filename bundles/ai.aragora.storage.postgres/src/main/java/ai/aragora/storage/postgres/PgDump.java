package ai.aragora.storage.postgres;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code pg_dump -Fc} for one schema of the database at a JDBC URL. */
final class PgDump {

    static final String INSTALL = "pg_dump was not found on the PATH: install the PostgreSQL client of the server's major version"
            + " (Debian/Ubuntu: apt-get install postgresql-client; RHEL: dnf install postgresql), or dump from a host that has it:"
            + " pg_dump -Fc \"$DATABASE_URL\" > aragora.dump";
    private static final long TIMEOUT_HOURS = 6;

    private PgDump() {
    }

    static void run(String jdbcUrl, String user, String password, String schema, Path dump) throws IOException {
        Path pgDump = find().orElseThrow(() -> new UnsupportedOperationException(INSTALL));
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Files.createDirectories(dump.getParent());
        List<String> command = new ArrayList<>(List.of(pgDump.toString(), "--format=custom", "--no-password", "--schema=" + schema,
                "--host=" + uri.getHost(), "--port=" + (uri.getPort() < 0 ? 5432 : uri.getPort()),
                "--dbname=" + uri.getPath().substring(1), "--file=" + dump));
        if (user != null && !user.isEmpty()) {
            command.add("--username=" + user);
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (password != null && !password.isEmpty()) {
            pb.environment().put("PGPASSWORD", password);
        }
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            if (!p.waitFor(TIMEOUT_HOURS, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IOException("pg_dump did not finish within " + TIMEOUT_HOURS + " h");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while pg_dump ran");
        }
        if (p.exitValue() != 0) {
            String said = password == null || password.isEmpty() ? output : output.replace(password, "****");
            throw new IOException("pg_dump failed (exit " + p.exitValue() + "): " + said);
        }
    }

    private static java.util.Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return java.util.Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "pg_dump");
            if (Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
