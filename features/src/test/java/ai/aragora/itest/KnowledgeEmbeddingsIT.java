package ai.aragora.itest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import ai.aragora.api.knowledge.KnowledgeMound;
import ai.aragora.api.knowledge.KnowledgeQuery;
import ai.aragora.api.knowledge.MoundHealth;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;

/**
 * The feature {@code knowledge-openai} in a running framework against a loopback stand-in for
 * {@code POST /v1/embeddings}: the mound's nodes get vectors from it, search becomes hybrid, the
 * health report names the model and its bundle, and the key goes only into the request header.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KnowledgeEmbeddingsIT extends AragoraTestSupport {

    private static final String PORT = "aragora.itest.embeddings.port";
    private static final String KEY = "sk-km-itest-0123456789secret";
    private static int port;
    private static LoopbackLlm server;

    @Inject
    private KnowledgeMound mound;

    @Override
    protected List<String> features() {
        return List.of("core", "http", "sqlite", "knowledge", "knowledge-openai");
    }

    @Override
    protected Map<String, String> environment() {
        if (port == 0) {
            try {
                port = Distribution.freePort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Map.of("ARAGORA_KM_EMBEDDINGS_BASE_URL", "http://127.0.0.1:" + port + "/v1", "ARAGORA_KM_EMBEDDINGS_MODEL", "loopback-embed",
                "ARAGORA_KM_EMBEDDINGS_DIMENSIONS", "4", "ARAGORA_KM_EMBEDDINGS_API_KEY", KEY);
    }

    @Configuration
    @Override
    public Option[] configuration() throws Exception {
        List<Option> options = new ArrayList<>(Arrays.asList(super.configuration()));
        options.add(systemProperty(PORT).value(String.valueOf(port)));
        return options.toArray(new Option[0]);
    }

    /** Four dimensions: how often a text says a, e, o and u, plus one so that no vector is zero. */
    static LoopbackLlm.Response embed(LoopbackLlm.Request request) {
        List<String> texts = inputs(request.body());
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).toLowerCase(Locale.ROOT);
            StringBuilder v = new StringBuilder();
            for (char c : new char[] {'a', 'e', 'o', 'u'}) {
                v.append(v.length() == 0 ? "" : ",").append(1 + text.chars().filter(x -> x == c).count());
            }
            data.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[").append(v).append("]}");
        }
        return new LoopbackLlm.Response(200, "{\"object\":\"list\",\"model\":\"loopback-embed\",\"data\":[" + data + "]}");
    }

    /** The strings of the request's {@code input} array (the test's texts have no escapes but quotes and backslashes). */
    private static List<String> inputs(String body) {
        List<String> out = new ArrayList<>();
        int i = body.indexOf("\"input\":[") + 9;
        StringBuilder current = null;
        for (; i < body.length() && !(current == null && body.charAt(i) == ']'); i++) {
            char c = body.charAt(i);
            if (current == null) {
                if (c == '"') {
                    current = new StringBuilder();
                }
            } else if (c == '\\') {
                current.append(body.charAt(++i));
            } else if (c == '"') {
                out.add(current.toString());
                current = null;
            } else {
                current.append(c);
            }
        }
        return out;
    }

    @Before
    public void up() throws Exception {
        synchronized (KnowledgeEmbeddingsIT.class) {
            if (server == null) {
                server = new LoopbackLlm(Integer.parseInt(System.getProperty(PORT)), KnowledgeEmbeddingsIT::embed);
            }
        }
        await("/readyz", Duration.ofSeconds(60), () -> status("/readyz") == 200);
    }

    @Test
    public void nodesAreEmbeddedByTheServerAndSearchBecomesHybrid() throws Exception {
        mound.add(new NewNode("acme", null, NodeKind.FACT, "Blue-green deployments kept the billing API up", 0.8, Map.of(),
                new Provenance(null, null, "itest", 0, null, Instant.now())));

        await("the node's vector", Duration.ofSeconds(60), () -> {
            MoundHealth.Component e = mound.health().components().get("embeddings");
            return e.active() && e.detail().startsWith("loopback-embed (ai.aragora.knowledge.embeddings.openai): ")
                    && !e.detail().contains(": 0 vectors");
        });
        assertThat(mound.search(KnowledgeQuery.of("acme", null, "billing deployments", 5)).semantic()).isTrue();
        assertThat(server.seen).isNotEmpty().allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v1/embeddings");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(r.body()).contains("\"model\":\"loopback-embed\"", "\"encoding_format\":\"float\"");
        });
        String health = get("/api/health/knowledge-mound", adminToken()).body();
        assertThat(health).contains("loopback-embed (ai.aragora.knowledge.embeddings.openai)").doesNotContain(KEY);
    }
}
