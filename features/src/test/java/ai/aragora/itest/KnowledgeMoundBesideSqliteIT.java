package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.ConfigurationAdmin;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.debate.DebateService;
import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.itest.support.TestDatabase;

/**
 * A server on SQLite whose Knowledge Mound lives in PostgreSQL (KNOWLEDGE_MOUND_DATABASE_URL): the
 * debates and receipts stay in the data dir, what the adapters learn lands in PostgreSQL, the next
 * debate starts from it, and no {@code knowledge_mound.db} is ever created.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KnowledgeMoundBesideSqliteIT extends AragoraTestSupport {

    private static final String TASK = "Should the nightly export move to object storage?";

    @Inject
    private DebateService engine;

    @Inject
    private KnowledgeMound mound;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "knowledge", "demo");
    }

    @Override
    protected Map<String, String> environment() {
        try {
            return Map.of("KNOWLEDGE_MOUND_DATABASE_URL", TestDatabase.create());
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL for the test: " + e.getMessage(), e);
        }
    }

    @Before
    public void up() throws Exception {
        await("/readyz to answer 200", Duration.ofSeconds(60), () -> status("/readyz") == 200);
    }

    private DebateResult debate(String task) throws Exception {
        return debate(engine, "acme", task);
    }

    @Test
    public void whatTheAdaptersLearnLandsInPostgresAndTheNextDebateStartsFromIt() throws Exception {
        assertThat(context.getBundles()).extracting(b -> b.getSymbolicName())
                .contains("ai.aragora.storage.sqlite", "ai.aragora.storage.postgres");
        DebateResult first = debate(TASK);
        await("the adapters to learn from the first debate", Duration.ofSeconds(60),
                () -> mound.nodes("acme", null, NodeKind.CONSENSUS, 0, 10).total() == 1);

        // the probe has its own class loader: the database is the one the launcher configured
        ConfigurationAdmin configurations = context.getService(context.getServiceReference(ConfigurationAdmin.class));
        String moundUrl = (String) configurations.getConfiguration("ai.aragora.storage.postgres.knowledge", "?").getProperties()
                .get("url");
        String id = mound.nodes("acme", null, NodeKind.CONSENSUS, 0, 10).items().get(0).id();
        assertThat(TestDatabase.count(moundUrl, "SELECT COUNT(*) FROM km_nodes WHERE org_id = 'acme' AND id = '" + id + "'"))
                .as("PostgreSQL holds the first debate's conclusion").isEqualTo(1);
        DebateResult second = debate("Object storage for the nightly export: yes or no?");
        assertThat(second.priorKnowledge()).as("recall reads the PostgreSQL mound").isNotEmpty();
        assertThat(first.priorKnowledge()).isEmpty();

        Path data = Path.of(launched().dataDir());
        assertThat(data.resolve("aragora.db")).exists();
        assertThat(data.resolve("knowledge_mound.db")).as("no file for the mound").doesNotExist();
        String health = get("/api/health/knowledge-mound", adminToken()).body();
        assertThat(health).contains("\"store\"", "adapter:consensus").doesNotContain("the store does not answer");
    }
}
