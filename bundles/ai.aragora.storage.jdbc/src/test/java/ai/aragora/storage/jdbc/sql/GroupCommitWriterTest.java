package ai.aragora.storage.jdbc.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import ai.aragora.storage.jdbc.SqlWork;
import ai.aragora.storage.jdbc.StorageException;

/** The order in which queued writes run, on a connection that only counts commits. */
class GroupCommitWriterTest {

    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private GroupCommitWriter writer;

    @AfterEach
    void close() {
        release.countDown();
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void urgentWritesGoAheadOfNormalOnesButNeverAheadOfTheirKeysEarlierWrites() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 512);
        holdWriter();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(writer.submit("a", named("a1 normal")));
        writes.add(writer.submit(named("shared normal")));
        writes.add(writer.submitUrgent("b", named("b1 urgent")));
        writes.add(writer.submitUrgent("a", named("a2 urgent")));
        writes.add(writer.submitUrgent(null, named("shared urgent")));
        writes.add(writer.submit("b", named("b2 normal")));
        writes.add(writer.submitUrgent("b", named("b3 urgent")));
        release.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("holder",
                "b1 urgent", "shared urgent",
                "a1 normal", "shared normal", "a2 urgent", "b2 normal", "b3 urgent");
    }

    @Test
    void anUrgentWriteOfAKeyWhoseNormalWritesAlreadyRanIsNotHeldBack() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 512);
        writer.submit("a", named("a1 normal")).get(10, TimeUnit.SECONDS);
        holdWriter();
        CompletableFuture<?> normal = writer.submit("b", named("b1 normal"));
        CompletableFuture<?> urgent = writer.submitUrgent("a", named("a2 urgent"));
        release.countDown();
        CompletableFuture.allOf(normal, urgent).get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("a1 normal", "holder", "a2 urgent", "b1 normal");
    }

    @Test
    void aBatchTakesUrgentWritesFirstAndTheRestWaitForTheNext() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 2);
        holdWriter();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(writer.submit("a", named("a normal")));
        writes.add(writer.submit("b", named("b normal")));
        writes.add(writer.submitUrgent("c", named("c urgent")));
        int before = writer.commits();
        release.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("holder", "c urgent", "a normal", "b normal");
        assertThat(writer.commits() - before).as("the holder's commit, then two batches of at most two").isEqualTo(3);
    }

    /** Normal writes join a running batch one by one: an urgent write arriving meanwhile waits for one of them, not for all. */
    @Test
    void anUrgentWriteArrivingWhileABatchRunsIsCommittedBeforeTheRestOfIt() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 512);
        holdWriter();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(writer.submit("a", blocking("a normal, running", entered, go)));
        writes.add(writer.submit("b", named("b normal")));
        writes.add(writer.submit("c", named("c normal")));
        release.countDown();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        int before = writer.commits();
        writes.add(writer.submitUrgent("d", named("d urgent")));
        go.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("holder", "a normal, running", "d urgent", "b normal", "c normal");
        assertThat(writer.commits() - before).as("the running write alone, then the urgent one with the rest").isEqualTo(2);
    }

    @Test
    void closingRunsWhatIsQueuedOfBothKindsAndRefusesTheRest() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 2, 512);
        holdWriter();
        CompletableFuture<?> normal = writer.submit(named("normal"));
        CompletableFuture<?> urgent = writer.submitUrgent(null, named("urgent"));
        release.countDown();
        writer.close();

        // acknowledged on another thread, shortly after the commit
        CompletableFuture.allOf(normal, urgent).get(10, TimeUnit.SECONDS);
        assertThat(ran).containsExactly("holder", "urgent", "normal");
        assertThatThrownBy(() -> writer.submitUrgent("a", named("late")).join())
                .hasCauseInstanceOf(StorageException.class).hasMessageContaining("closed");
        assertThat(writer.running()).isFalse();
    }

    @Test
    void aRunOfMergeableWritesRunsAsOneAndAWriteOfAnotherKindEndsTheRun() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 512);
        holdWriter();
        List<CompletableFuture<?>> writes = new ArrayList<>();
        writes.add(writer.submit("a", new Noted("a1")));
        writes.add(writer.submit("b", new Noted("b1")));
        writes.add(writer.submit("a", named("a status")));
        writes.add(writer.submit("a", new Noted("a2")));
        writes.add(writer.submit("c", new Noted("c1")));
        release.countDown();
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(ran).containsExactly("holder", "merged a1,b1", "a status", "merged a2,c1");
        assertThat(writer.commits()).isEqualTo(1);
    }

    @Test
    void aMergedRunThatFailsRunsAgainWriteByWriteAndOnlyTheFailingWriteFails() throws Exception {
        writer = new GroupCommitWriter("test", connections(), 1, 512);
        holdWriter();
        CompletableFuture<?> first = writer.submit("a", new Noted("a1"));
        CompletableFuture<?> bad = writer.submit("b", new Noted("bad"));
        CompletableFuture<?> last = writer.submit("c", new Noted("c1"));
        release.countDown();
        CompletableFuture.allOf(first, last).get(10, TimeUnit.SECONDS);

        assertThatThrownBy(bad::join).hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("bad write");
        // the whole batch again, each write in its own savepoint: the holder too
        assertThat(ran).containsExactly("holder", "holder", "a1", "c1");
    }

    /** A mergeable write that notes its name; merged, the names of the run together. One named "bad" fails, alone or merged. */
    private final class Noted implements MergeableWork {

        private final String name;

        Noted(String name) {
            this.name = name;
        }

        @Override
        public Void run(Connection c) {
            if (name.equals("bad")) {
                throw new IllegalStateException("bad write");
            }
            ran.add(name);
            return null;
        }

        @Override
        public void runMerged(Connection c, List<MergeableWork> works) {
            List<String> names = works.stream().map(w -> ((Noted) w).name).toList();
            if (names.contains("bad")) {
                throw new IllegalStateException("bad write among " + names);
            }
            ran.add("merged " + String.join(",", names));
        }
    }

    /** Occupies the one writer of the first lane until {@link #release}, so that what is submitted next queues. */
    private void holdWriter() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        writer.submit(blocking("holder", entered, release));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** A write that says it started, then runs on only once {@code go} is counted down. */
    private SqlWork<Object> blocking(String name, CountDownLatch entered, CountDownLatch go) {
        return c -> {
            entered.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ran.add(name);
            return null;
        };
    }

    private SqlWork<Object> named(String name) {
        return c -> {
            ran.add(name);
            return null;
        };
    }

    private static DataSource connections() {
        Connection connection = (Connection) Proxy.newProxyInstance(GroupCommitWriterTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> m.getReturnType() == boolean.class ? false : null);
        return (DataSource) Proxy.newProxyInstance(GroupCommitWriterTest.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (p, m, args) -> switch (m.getName()) {
                    case "getConnection" -> connection;
                    case "getLogWriter" -> new PrintWriter(System.err);
                    case "getParentLogger" -> Logger.getGlobal();
                    default -> m.getReturnType() == int.class ? 0 : null;
                });
    }
}
