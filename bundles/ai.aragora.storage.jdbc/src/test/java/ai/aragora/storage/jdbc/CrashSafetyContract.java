package ai.aragora.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.launcher.spi.Command;
import ai.aragora.storage.jdbc.ops.IntegrityCheckCommand;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * Nothing acknowledged is lost to {@code kill -9}: a child JVM writes debates through the store
 * from 24 threads and prints each write once its stage completed ({@link CrashWriter}); it is
 * killed with SIGKILL after a random number of acknowledgements, several times over the same
 * storage. After each kill the storage is reopened: every acknowledged debate, message, result
 * and receipt is there, every debate is finished or listed for recovery, and the backend's file
 * checks and the receipt chain check out.
 */
public abstract class CrashSafetyContract {

    @TempDir
    protected Path dir;

    /** The child's main class: opens the storage named by its arguments and calls {@link CrashWriter#writeUntilKilled}. */
    protected abstract Class<?> writerMain();

    /** The arguments that make the child open the same storage as {@link #open()}; the run name follows them. */
    protected abstract List<String> writerArguments();

    /** The storage the child wrote, as a restarted server opens it. */
    protected abstract StorageBackend open();

    protected abstract void close(StorageBackend backend);

    @Test
    void everyAcknowledgedWriteSurvivesKillNine() throws Exception {
        Random random = new Random();
        Set<String> created = new HashSet<>();
        Map<String, Set<Integer>> messages = new HashMap<>();
        Set<String> completed = new HashSet<>();
        Set<String> receipts = new HashSet<>();
        for (int round = 0; round < 5; round++) {
            int killAfter = 200 + random.nextInt(1500);
            List<String> acks = runAndKill("run" + round, killAfter);
            assertThat(acks.size()).as("acknowledgements before the kill").isGreaterThanOrEqualTo(killAfter);
            for (String ack : acks) {
                String[] p = ack.split(" ");
                switch (p[0]) {
                    case "C" -> created.add(p[1]);
                    case "M" -> messages.computeIfAbsent(p[1], k -> new HashSet<>()).add(Integer.parseInt(p[2]));
                    case "F" -> completed.add(p[1]);
                    case "K" -> receipts.add(p[1]);
                    default -> throw new AssertionError("unexpected line from the child: " + ack);
                }
            }
            verify(created, messages, completed, receipts);
        }
    }

    private List<String> runAndKill(String run, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), writerMain().getName()));
        command.addAll(writerArguments());
        command.add(run);
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> acks = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                acks.add(line);
                if (acks.size() == killAfter) {
                    // SIGKILL: no shutdown hook, no close, no flush runs in the child. Through the
                    // handle, so that the acknowledgements already in the pipe can still be read.
                    child.toHandle().destroyForcibly();
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(1, TimeUnit.MINUTES);
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        return acks;
    }

    private void verify(Set<String> created, Map<String, Set<Integer>> messages, Set<String> completed, Set<String> receipts)
            throws Exception {
        StorageBackend backend = open();
        try {
            assertThat(backend.checkFiles()).allSatisfy(c -> assertThat(c.ok()).as(c.subject() + ": " + c.detail()).isTrue());
            JdbcDebateStore debates = JdbcDebateStore.on(backend.database(Store.ARAGORA));
            JdbcReceiptStore chain = JdbcReceiptStore.on(backend.database(Store.ARAGORA));
            for (String id : created) {
                assertThat(debates.find(id)).as("acknowledged debate " + id).isPresent();
            }
            for (Map.Entry<String, Set<Integer>> e : messages.entrySet()) {
                List<Integer> stored = debates.messages(e.getKey(), 0, 100).items().stream().map(m -> m.index()).toList();
                assertThat(stored).as("messages of " + e.getKey()).containsAll(e.getValue());
                assertThat(debates.events(e.getKey(), 0, 100)).hasSizeGreaterThanOrEqualTo(e.getValue().size());
            }
            for (String id : completed) {
                assertThat(debates.result(id)).as("result of " + id).isPresent();
                assertThat(debates.find(id).orElseThrow().status()).isEqualTo(DebateStatus.CONSENSUS_REACHED);
            }
            for (String id : receipts) {
                assertThat(chain.entry(id)).as("chain entry of " + id).isPresent();
            }
            Set<String> unfinished = new HashSet<>(debates.unfinished().stream().map(DebateRecord::id).toList());
            for (String id : created) {
                // Completed (possibly without the acknowledgement reaching us) or listed for recovery: never lost in between.
                boolean finished = debates.result(id).isPresent();
                assertThat(finished || unfinished.contains(id)).as("debate " + id + " is finished or listed for recovery").isTrue();
                assertThat(finished && unfinished.contains(id)).as("debate " + id + " is not both").isFalse();
            }
            IntegrityCheck check = IntegrityCheck.of(backend);
            assertThat(check.status()).as(check.out()).isEqualTo(Command.OK);
        } finally {
            close(backend);
        }
    }

    private record IntegrityCheck(int status, String out) {
        static IntegrityCheck of(StorageBackend backend) throws Exception {
            var out = new java.io.ByteArrayOutputStream();
            int status = new IntegrityCheckCommand(backend, new ai.aragora.receipts.OdrReceiptVerifier(), null).run(List.of(),
                    new java.io.PrintStream(out, true, StandardCharsets.UTF_8), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            return new IntegrityCheck(status, out.toString(StandardCharsets.UTF_8));
        }
    }
}
