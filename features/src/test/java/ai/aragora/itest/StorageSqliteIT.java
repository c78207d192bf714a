package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.debate.Message;
import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.api.storage.JobQueue;
import ai.aragora.api.storage.JobRequest;
import ai.aragora.launcher.spi.Command;

/**
 * The default storage inside the framework, booted as the launcher boots it: Flyway finds the
 * migrations inside the SQLite bundle, the receipts bundle issues into the durable store, the
 * storage commands run, readiness waits for the database.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageSqliteIT extends AragoraTestSupport {

    @Inject
    private DebateStore debates;

    @Inject
    private JobQueue jobs;

    @Inject
    private ReceiptService receipts;

    @Inject
    private AuditLog audit;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(30), () -> status("/readyz") == 200);
    }

    @Test
    public void theStoresAreTheDurableOnesAndEveryFileIsInTheDataDir() throws Exception {
        ServiceReference<DebateStore> ref = context.getServiceReference(DebateStore.class);
        assertThat(ref.getBundle().getSymbolicName()).isEqualTo("ai.aragora.storage.jdbc");
        Path data = Path.of(launched().dataDir());
        for (String file : List.of("aragora.db", "users.db", "job_queue.db", "decision_results.db")) {
            assertThat(data.resolve(file)).exists();
        }

        DebateRecord d = new DebateRecord("it-debate-1", DebateSpec.builder("Is storage durable?").build(), "it", DebateStatus.CREATED,
                0, false, Instant.now(), null);
        debates.create(d).toCompletableFuture().join();
        debates.append(d.id(), List.of(new Message(0, "proposer", "demo-supportive", "Yes.", 1, Instant.now())), List.of())
                .toCompletableFuture().join();
        assertThat(debates.find(d.id())).contains(d);
        assertThat(debates.messages(d.id(), 0, 10).total()).isEqualTo(1);

        String job = jobs.enqueue(JobRequest.of("it", "noop", "{}")).toCompletableFuture().join();
        assertThat(jobs.claim("it", "w", 1, Duration.ofMinutes(1))).extracting(j -> j.id()).containsExactly(job);
    }

    @Test
    public void receiptsIssuedInTheFrameworkAreStoredAndTheirChainChecksOut() throws Exception {
        ServiceReference<ReceiptStore> store = context.getServiceReference(ReceiptStore.class);
        assertThat(store.getBundle().getSymbolicName()).isEqualTo("ai.aragora.storage.jdbc");
        Receipt first = receipts.issue(decision("it-r-1"));
        Receipt second = receipts.issue(decision("it-r-2"));
        assertThat(receipts.find(first.receiptId())).isPresent();
        assertThat(receipts.verify(second.receiptId()).verified()).isTrue();

        Run check = run("integrity-check");
        assertThat(check.status()).as(check.out()).isZero();
        assertThat(check.out()).contains("[PASS] ", "aragora.db: integrity_check ok", "receipt chain: ", "link and hash correctly",
                "[PASS] audit log", "integrity ok");
    }

    @Test
    public void theDatabaseIsAHealthyRequiredComponent() throws Exception {
        Collection<ServiceReference<HealthIndicator>> refs = context.getServiceReferences(HealthIndicator.class,
                "(" + HealthIndicator.COMPONENT + "=database)");
        assertThat(refs).hasSize(1);
        assertThat(context.getService(refs.iterator().next()).check()).isEqualTo(ComponentHealth.healthy());
        assertThat(get("/api/health").body()).contains("\"status\":\"healthy\"");
    }

    @Test
    public void theStorageCommandsRunAndAreAudited() throws Exception {
        Run status = run("migrate", "status");
        assertThat(status.status()).isZero();
        assertThat(status.out()).contains("backend sqlite", "receipts by debate", "up to date");

        Path target = Path.of(launched().dataDir(), "it-backup");
        Run backup = run("backup", "--to", target.toString());
        assertThat(backup.status()).as(backup.err()).isZero();
        assertThat(target.resolve("aragora.db")).exists();

        Run cleanup = run("cleanup", "--dry-run");
        assertThat(cleanup.status()).isZero();
        assertThat(cleanup.out()).contains("dry run: nothing changed");

        audit.record(new AuditEvent(Instant.now(), "it", "it.check", "", "success", "127.0.0.1", Map.of("token", "secret-value")))
                .toCompletableFuture().join();
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String lines = Files.readString(Path.of(launched().dataDir(), "audit", "audit-" + day + ".jsonl"));
        assertThat(lines).contains("\"action\":\"storage.backup\"", "\"action\":\"it.check\"").doesNotContain("secret-value");
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    public void theBackendBundleCanBeStoppedAndStartedUnderARunningServer() throws Exception {
        DebateRecord d = new DebateRecord("it-swap-1", DebateSpec.builder("Survives a bundle restart?").build(), "it",
                DebateStatus.CREATED, 0, false, Instant.now(), null);
        debates.create(d).toCompletableFuture().join();
        org.osgi.framework.Bundle sqlite = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("ai.aragora.storage.sqlite")).findFirst().orElseThrow();

        sqlite.stop();
        assertThat(context.getServiceReference(DebateStore.class)).isNull();
        await("/readyz to answer 503 without a database", Duration.ofSeconds(10), () -> status("/readyz") == 503);

        sqlite.start();
        await("/readyz to answer 200 again", Duration.ofSeconds(30), () -> status("/readyz") == 200);
        DebateStore again = context.getService(context.getServiceReference(DebateStore.class));
        assertThat(again.find(d.id())).contains(d);
    }

    private static DecisionRecord decision(String debateId) {
        return new DecisionRecord(debateId, "Keep receipts durable?", DecisionRecord.Verdict.APPROVED, Optional.of("Yes."),
                Optional.of("One round."), new DecisionRecord.Consensus("majority", true, Optional.of(0.8)), List.of("a"), List.of(),
                List.of(new DecisionRecord.Participant("a", "demo", "demo-1"), new DecisionRecord.Participant("b", "demo", "demo-1")),
                Optional.empty(), new DecisionRecord.Usage(1, 1, 0.0), Instant.parse("2026-11-22T10:00:00Z"),
                Instant.parse("2026-11-22T10:01:00Z"), Optional.empty());
    }

    record Run(int status, String out, String err) {
    }

    private Run run(String name, String... args) throws Exception {
        Collection<ServiceReference<Command>> refs = context.getServiceReferences(Command.class, "(" + Command.NAME + "=" + name + ")");
        assertThat(refs).as("the '" + name + "' command").hasSize(1);
        Command command = context.getService(refs.iterator().next());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
