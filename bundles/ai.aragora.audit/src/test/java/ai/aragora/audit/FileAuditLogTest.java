package ai.aragora.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditVerification;

class FileAuditLogTest {

    @TempDir
    Path dir;

    private final List<FileAuditLog> open = new ArrayList<>();

    @AfterEach
    void closeAll() {
        open.forEach(FileAuditLog::close);
    }

    private FileAuditLog log(String day) {
        FileAuditLog log = new FileAuditLog(dir, Clock.fixed(Instant.parse(day + "T12:00:00Z"), ZoneOffset.UTC));
        open.add(log);
        return log;
    }

    private static AuditEvent event(String action, Map<String, String> details) {
        return new AuditEvent(Instant.parse("2026-11-22T10:00:00Z"), "user-1", action, "debate-1", "success", "127.0.0.1", details);
    }

    private static void write(FileAuditLog log, int n, String action) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(log.record(event(action + i, Map.of("i", String.valueOf(i)))).toCompletableFuture());
        }
        all.forEach(CompletableFuture::join);
    }

    private List<String> lines(String day) throws IOException {
        return Files.readAllLines(dir.resolve("audit-" + day + ".jsonl"), StandardCharsets.UTF_8);
    }

    @Test
    void entriesChainAcrossDaysAndVerify() throws IOException {
        write(log("2026-11-21"), 20, "debate.create");
        write(log("2026-11-22"), 5, "key.revoke");

        AuditVerification v = log("2026-11-22").verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.files()).isEqualTo(2);
        assertThat(v.entries()).isEqualTo(25);
        assertThat(lines("2026-11-22").get(0)).contains("\"seq\":21", "\"action\":\"key.revoke0\"", "\"source\":\"127.0.0.1\"");
    }

    @Test
    void anAlteredLineIsFound() throws IOException {
        write(log("2026-11-22"), 3, "login");
        Path file = dir.resolve("audit-2026-11-22.jsonl");
        List<String> lines = lines("2026-11-22");
        lines.set(1, lines.get(1).replace("\"outcome\":\"success\"", "\"outcome\":\"denied\""));
        Files.write(file, lines, StandardCharsets.UTF_8);

        AuditVerification v = log("2026-11-22").verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("line 2") && p.contains("hash does not match"));
    }

    @Test
    void aRemovedLineBreaksTheChain() throws IOException {
        write(log("2026-11-22"), 4, "login");
        Path file = dir.resolve("audit-2026-11-22.jsonl");
        List<String> lines = new ArrayList<>(lines("2026-11-22"));
        lines.remove(2);
        Files.write(file, lines, StandardCharsets.UTF_8);

        AuditVerification v = log("2026-11-22").verify();
        assertThat(v.problems()).anyMatch(p -> p.contains("line 3") && p.contains("does not link"));
    }

    @Test
    void aDeletedDayIsFound() throws IOException {
        write(log("2026-11-20"), 2, "a");
        write(log("2026-11-21"), 2, "b");
        write(log("2026-11-22"), 2, "c");
        Files.delete(dir.resolve("audit-2026-11-21.jsonl"));

        assertThat(log("2026-11-22").verify().problems()).anyMatch(p -> p.startsWith("audit-2026-11-22.jsonl line 1"));
    }

    @Test
    void aTornTailFromACrashIsCutAndTheChainContinues() throws IOException {
        write(log("2026-11-22"), 3, "a");
        Files.writeString(dir.resolve("audit-2026-11-22.jsonl"), "{\"seq\":4,\"ts\":\"2026", StandardOpenOption.APPEND);

        write(log("2026-11-22"), 2, "b");

        List<String> lines = lines("2026-11-22");
        assertThat(lines).hasSize(5).noneMatch(l -> l.endsWith("\"ts\":\"2026"));
        assertThat(log("2026-11-22").verify().problems()).isEmpty();
    }

    @Test
    void twoWritersOnOneDirectoryKeepOneChain() {
        FileAuditLog server = log("2026-11-22");
        FileAuditLog command = log("2026-11-22");
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            all.add((i % 2 == 0 ? server : command).record(event("x" + i, Map.of())).toCompletableFuture());
        }
        all.forEach(CompletableFuture::join);

        AuditVerification v = server.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.entries()).isEqualTo(200);
    }

    @Test
    void detailsThatLookSecretAreRedacted() throws IOException {
        log("2026-11-22").record(event("user.create", Map.of("password", "hunter2", "api_key", "ak_live_123",
                "password_hash", "$argon2id$abc", "email", "a@example.com"))).toCompletableFuture().join();

        String line = lines("2026-11-22").get(0);
        assertThat(line).doesNotContain("hunter2", "ak_live_123", "argon2id").contains("\"email\":\"a@example.com\"", "[redacted]");
    }
}
