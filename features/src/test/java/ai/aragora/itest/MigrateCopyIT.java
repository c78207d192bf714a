package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.debate.DebateSpec;
import ai.aragora.itest.support.TestDatabase;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.DatabaseUrl;

/**
 * {@code aragora migrate copy}: debates run on SQLite (with their receipts and chain) land in an
 * empty PostgreSQL database, verified; the PostgreSQL client beside the store never becomes the
 * store; a database that already holds Aragora data is refused.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MigrateCopyIT extends AragoraTestSupport {

    @Inject
    private DebateService engine;

    @Override
    protected List<String> features() {
        return List.of("core", "demo", "sqlite", "storage-tools");
    }

    private record Run(int status, String out, String err) {
    }

    private Run migrate(String... args) throws Exception {
        Collection<ServiceReference<Command>> refs = context.getServiceReferences(Command.class, "(" + Command.NAME + "=migrate)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = context.getService(refs.iterator().next()).run(List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    public void debatesOnSqliteAreCopiedToPostgresAndVerified() throws Exception {
        List<CompletableFuture<DebateResult>> runs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            runs.add(engine.start(DebateSpec.builder("Should we copy debate " + i + "?").seed(i).build()).result().toCompletableFuture());
        }
        for (CompletableFuture<DebateResult> r : runs) {
            assertThat(r.get(60, TimeUnit.SECONDS).receiptId()).startsWith("rcpt-");
        }
        subscribeTheDefaultOrg();
        String target = TestDatabase.create();

        Run copy = migrate("copy", "--to", target, "--batch", "7");
        assertThat(copy.status()).as(copy.out() + copy.err()).isZero();
        assertThat(copy.out()).contains("copy from sqlite", "[PASS] rows aragora.debates: 12 in the source, 12 in the target",
                "[PASS] rows users.users", "[PASS] receipt chain on the target: 12 entries (source 12)",
                "[PASS] debates compared field by field: 12 of 12, all equal", "copied and verified")
                .doesNotContain("[FAIL]");
        assertThat(copy.err()).contains("aragora.debate_messages:");

        DatabaseUrl url = DatabaseUrl.parse(target, "target");
        Properties props = new Properties();
        props.setProperty("user", url.user());
        try (Connection c = new org.postgresql.Driver().connect(url.jdbcUrl(), props); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM debates")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(12);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM webhook_events")) {
                rs.next();
                assertThat(rs.getLong(1)).as("copied history is not announced again to the subscription").isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'aragora_copy_progress'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("progress is dropped once verified").isZero();
            }
        }

        Run again = migrate("copy", "--to", target);
        assertThat(again.status()).isEqualTo(Command.FAILED);
        assertThat(again.err()).contains("already holds an Aragora schema").doesNotContain("Exception");

        Run status = migrate("status");
        assertThat(status.out()).as("the store stays SQLite beside the PostgreSQL client").contains("backend sqlite at");
    }

    /** A subscription in the source, inserted as the webhooks bundle stores one. */
    private void subscribeTheDefaultOrg() throws Exception {
        Path db = Path.of(launched().dataDir()).resolve("aragora.db");
        try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + db, new Properties()); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO webhook_subscriptions (id, org_id, url, sink, events, headers, secrets, active,"
                    + " created_ns, updated_ns) VALUES ('wh-copy', 'default', 'https://hooks.example.com/x', 'http', '[\"*\"]',"
                    + " '{}', '[]', 1, 1, 1)");
        }
    }

    @Test
    public void aBadTargetIsAUsageError() throws Exception {
        Run bad = migrate("copy", "--to", "mysql://u:hunter2@h/db");
        assertThat(bad.status()).isEqualTo(Command.USAGE);
        assertThat(bad.err()).contains("--to must look like postgresql://").doesNotContain("hunter2");
    }
}
