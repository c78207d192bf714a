package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceReference;

import ai.aragora.api.debate.DebateSpec;
import ai.aragora.api.debate.DebateStatus;
import ai.aragora.api.storage.DebateRecord;
import ai.aragora.api.storage.DebateStore;
import ai.aragora.itest.support.TestDatabase;
import ai.aragora.launcher.spi.Command;

/**
 * The same server on PostgreSQL, switched by configuration alone: ARAGORA_STORAGE_MODE=postgres
 * and DATABASE_URL swap the storage feature, the PostgreSQL bundle migrates a fresh database.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoragePostgresIT extends AragoraTestSupport {

    @Inject
    private DebateStore debates;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite");
    }

    @Override
    protected Map<String, String> environment() {
        try {
            return Map.of("ARAGORA_STORAGE_MODE", "postgres", "DATABASE_URL", TestDatabase.create());
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL for the test: " + e.getMessage(), e);
        }
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(30), () -> status("/readyz") == 200);
    }

    @Test
    public void thePostgresBackendServesTheStoresAndTheCommands() throws Exception {
        assertThat(context.getBundles()).extracting(b -> b.getSymbolicName())
                .contains("ai.aragora.storage.postgres", "org.postgresql.jdbc").doesNotContain("ai.aragora.storage.sqlite");
        DebateRecord d = new DebateRecord("pg-it-1", DebateSpec.builder("Shared by instances?").build(), "it", DebateStatus.CREATED,
                0, false, Instant.now(), null);
        debates.create(d).toCompletableFuture().join();
        assertThat(debates.find(d.id())).contains(d);

        Collection<ServiceReference<Command>> refs = context.getServiceReferences(Command.class, "(" + Command.NAME + "=migrate)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = context.getService(refs.iterator().next()).run(List.of("status"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("backend postgres at postgresql://127.0.0.1:", "up to date")
                .doesNotContain("password");
    }
}
