package ai.aragora.storage.jdbc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.audit.AuditVerification;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.StorageBackend;

class OperatorAuditTest {

    @TempDir
    Path dir;

    /** An audit log that keeps what it is given, or fails every write with {@code failure}. */
    private static final class FakeAuditLog implements AuditLog {
        final List<AuditEvent> events = new ArrayList<>();
        final RuntimeException failure;
        final boolean throwAtOnce;

        FakeAuditLog(RuntimeException failure, boolean throwAtOnce) {
            this.failure = failure;
            this.throwAtOnce = throwAtOnce;
        }

        @Override
        public CompletionStage<Void> record(AuditEvent event) {
            if (failure == null) {
                events.add(event);
                return CompletableFuture.completedFuture(null);
            }
            if (throwAtOnce) {
                throw failure;
            }
            return CompletableFuture.failedFuture(failure);
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aFinishedBackupStaysFinishedWhenItsAuditRecordCannotBeWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("aragora.db"), "db");
        FakeAuditLog audit = new FakeAuditLog(new UncheckedIOException(new IOException("No space left on device")), false);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new BackupCommand(backend(List.of(file)), audit, dirs(dir)).run(List.of("--to", dir.resolve("b").toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(Command.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("aragora.db");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("backed up 1 databases").doesNotContain("failed");
    }

    @Test
    void anAuditLogThatThrowsAtOnceIsAWarningToo() {
        FakeAuditLog audit = new FakeAuditLog(new IllegalStateException("the audit log is closed"), true);

        assertThatCode(() -> OperatorAudit.record(audit, "storage.cleanup", "sqlite", "success", Map.of())).doesNotThrowAnyException();
    }

    @Test
    void theRecordNamesTheOperatingSystemUserAndTheCommandLine() {
        FakeAuditLog audit = new FakeAuditLog(null, false);

        OperatorAudit.record(audit, "storage.backup", "/backups/x", "success", Map.of("files", "1"));

        assertThat(audit.events).singleElement().satisfies(e -> {
            assertThat(e.actor()).startsWith("os:");
            assertThat(e.action()).isEqualTo("storage.backup");
            assertThat(e.outcome()).isEqualTo("success");
            assertThat(e.details()).containsEntry("files", "1");
        });
    }

    private static StorageBackend backend(List<Path> backedUp) {
        return (StorageBackend) Proxy.newProxyInstance(OperatorAuditTest.class.getClassLoader(), new Class<?>[] {StorageBackend.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "backup" -> backedUp;
                    case "name" -> "sqlite";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static ServerDirs dirs(Path data) {
        return (ServerDirs) Proxy.newProxyInstance(OperatorAuditTest.class.getClassLoader(), new Class<?>[] {ServerDirs.class},
                (proxy, m, args) -> switch (m.getName()) {
                    case "data_dir" -> data.toString();
                    case "encryption_key_configured" -> false;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
