package ai.aragora.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.knowledge.KnowledgeExchange;
import ai.aragora.api.knowledge.KnowledgeExchange.Format;
import ai.aragora.api.knowledge.KnowledgeExchange.ImportRejected;
import ai.aragora.api.knowledge.KnowledgeExchange.Summary;
import ai.aragora.api.knowledge.KnowledgeNode;
import ai.aragora.api.knowledge.NewNode;
import ai.aragora.api.knowledge.NodeKind;
import ai.aragora.api.knowledge.Provenance;
import ai.aragora.api.knowledge.RelationType;
import ai.aragora.api.knowledge.Relationship;

class MoundExchangeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-01-01T00:00:00.123456789Z");
    private static final Consumer<Summary> QUIET = s -> {
    };

    @TempDir
    Path temp;

    private final TestConfig config = new TestConfig();
    private SqliteMound source;
    private SqliteMound target;
    private String a;
    private String b;
    private String c;

    @BeforeEach
    void fill() {
        source = new SqliteMound(temp.resolve("source"), config);
        target = new SqliteMound(temp.resolve("target"), config);
        Mound m = source.mound;
        a = m.add(new NewNode("acme", "default", NodeKind.CONSENSUS, "Adopt exponential backoff with jitter <for> \"webhooks\" & queues",
                0.82, Map.of("verdict", "approve", "domain", "reliability"), new Provenance("d1", "r1", "demo-balanced", 2, "consensus", T)))
                .node().id();
        m.add(new NewNode("acme", "default", NodeKind.CONSENSUS, "adopt exponential backoff   with jitter <for> \"webhooks\" & queues",
                0.9, Map.of(), Provenance.ofDebate("consensus", "d2", "r2", T.plusSeconds(60))));
        b = m.add(new NewNode("acme", "ops", NodeKind.CRUX, "Whether retries \u0001 overload the \ud83d\ude80 downstream", 0.5, Map.of(),
                Provenance.ofDebate("belief", "d1", "r1", T))).node().id();
        c = m.add(new NewNode("acme", "default", NodeKind.FACT, "Jitter spreads retries over time", 0.7, Map.of("topics", "retries"),
                new Provenance(null, null, "alice", 0, null, T))).node().id();
        m.add(new NewNode("globex", "default", NodeKind.FACT, "Globex keeps this to itself", 0.7, Map.of(),
                new Provenance(null, null, "bob", 0, null, T)));
        m.relate("acme", b, a, RelationType.SUPPORTS, Provenance.ofDebate("belief", "d1", "r1", T));
        m.relate("acme", c, a, RelationType.DERIVED_FROM, new Provenance(null, null, "alice", 0, null, T));
        source.store.used("acme", List.of(a), T.plusSeconds(120)).toCompletableFuture().join();
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    private static MoundExchange exchange(SqliteMound km, TestConfig config) {
        return new MoundExchange(km.store, km.mound, km.metrics, config);
    }

    private byte[] export(SqliteMound km, String org, String workspace, Format format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        exchange(km, config).export(org, workspace, format, out, QUIET);
        return out.toByteArray();
    }

    private Summary importInto(SqliteMound km, String org, byte[] file) {
        return exchange(km, config).importJson(org, new ByteArrayInputStream(file), QUIET);
    }

    private static List<KnowledgeNode> nodes(SqliteMound km, String org) {
        return km.store.nodesAfter(org, null, null, 1000);
    }

    private static List<Relationship> relationships(SqliteMound km, String org) {
        return km.store.relationshipsAfter(org, null, 1000);
    }

    @Test
    void aJsonExportImportedElsewhereIsTheSameMoundAndExportsTheSameAgain() throws IOException {
        byte[] file = export(source, "acme", null, Format.JSON);

        Summary imported = importInto(target, "acme", file);

        assertThat(imported).isEqualTo(new Summary(3, 2, 3));
        assertThat(nodes(target, "acme")).isEqualTo(nodes(source, "acme"));
        assertThat(relationships(target, "acme")).isEqualTo(relationships(source, "acme"));
        KnowledgeNode merged = target.store.find("acme", a).orElseThrow();
        assertThat(merged.strength()).isEqualTo(2);
        assertThat(merged.uses()).isEqualTo(1);
        assertThat(merged.provenance()).hasSize(2);
        assertThat(merged.provenance().get(0).at()).isEqualTo(T);
        assertThat(nodes(target, "globex")).isEmpty();
        assertThat(withoutTime(export(target, "acme", null, Format.JSON))).isEqualTo(withoutTime(file));
        assertThat(importInto(target, "acme", file)).as("a second import adds nothing").isEqualTo(new Summary(3, 2, 0));
    }

    private static JsonNode withoutTime(byte[] file) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file);
        root.remove("exported_at");
        return root;
    }

    @Test
    void aWorkspaceExportHoldsItsNodesAndOnlyTheRelationshipsAmongThem() throws IOException {
        JsonNode root = JSON.readTree(export(source, "acme", "default", Format.JSON));

        assertThat(root.get("nodes")).extracting(n -> n.get("id").asText()).containsExactlyInAnyOrder(a, c);
        assertThat(root.get("relationships")).singleElement().satisfies(r -> assertThat(r.get("relation_type").asText()).isEqualTo("derived_from"));
        assertThat(root.get("counts").get("nodes").asInt()).isEqualTo(2);
    }

    @Test
    void whatIsWrongInAFileIsNamedAndNothingOfItIsStored() throws IOException {
        byte[] file = export(source, "acme", null, Format.JSON);
        String text = new String(file, StandardCharsets.UTF_8);
        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[] {"cut in half", text.substring(0, text.length() / 2), "truncated"});
        bad.add(new Object[] {"last byte missing", text.substring(0, text.length() - 1), "truncated"});
        bad.add(new Object[] {"cut after the nodes", text.substring(0, text.indexOf("\"relationships\"")) + "\"relationships\":[]}",
                "truncated or incomplete"});
        bad.add(new Object[] {"empty", "", "empty"});
        bad.add(new Object[] {"not JSON", "PK\u0003\u0004 this is a zip", "not valid JSON"});
        bad.add(new Object[] {"two documents", text + text, "not valid JSON"});
        bad.add(new Object[] {"an array", "[]", "one JSON object"});
        bad.add(new Object[] {"another format", edit(file, r -> r.put("format", "neo4j")), "not a Knowledge Mound export"});
        bad.add(new Object[] {"a later version", edit(file, r -> r.put("version", 2)), "version 2 is not supported"});
        bad.add(new Object[] {"no version", edit(file, r -> r.remove("version")), "version is missing"});
        bad.add(new Object[] {"a node dropped", edit(file, r -> ((ArrayNode) r.get("nodes")).remove(0)), "cut or edited"});
        bad.add(new Object[] {"another org's node", edit(file, r -> node(r, 2).put("org_id", "globex")), "knowledge never crosses orgs"});
        bad.add(new Object[] {"another org's relationship", edit(file, r -> ((ObjectNode) r.get("relationships").get(0)).put("org_id", "globex")),
                "knowledge never crosses orgs"});
        bad.add(new Object[] {"altered content", edit(file, r -> node(r, 0).put("content", "Something else")), "content_hash does not match"});
        bad.add(new Object[] {"a bad tier", edit(file, r -> node(r, 0).put("tier", "lukewarm")), "tier must be one of"});
        bad.add(new Object[] {"a confidence of 7", edit(file, r -> node(r, 1).put("confidence", 7)), "confidence must be within"});
        bad.add(new Object[] {"a bad time", edit(file, r -> node(r, 1).put("created_at", "yesterday")), "ISO-8601"});
        bad.add(new Object[] {"an id with a slash", edit(file, r -> node(r, 1).put("id", "../etc")), "id must be"});
        bad.add(new Object[] {"a node twice", edit(file, r -> {
            ((ArrayNode) r.get("nodes")).add(r.get("nodes").get(0).deepCopy());
            ((ObjectNode) r.get("counts")).put("nodes", 4);
        }), "appears twice"});
        bad.add(new Object[] {"a relationship to no node", edit(file, r -> ((ObjectNode) r.get("relationships").get(1)).put("target_id", "kn-nowhere")),
                "not both of org acme"});
        bad.add(new Object[] {"a cycle of derivations", edit(file, r -> {
            ObjectNode back = r.get("relationships").get(0).deepCopy();
            back.put("id", "kr-back").put("relation_type", "derived_from").put("source_id", a).put("target_id", c);
            ((ArrayNode) r.get("relationships")).add(back);
            ((ArrayNode) r.get("relationships")).forEach(x -> {
                if (x.get("source_id").asText().equals(c)) {
                    ((ObjectNode) x).put("relation_type", "derived_from");
                }
            });
            ((ObjectNode) r.get("counts")).put("relationships", 3);
        }), "form a cycle"});

        for (Object[] b : bad) {
            assertThatThrownBy(() -> importInto(target, "acme", ((String) b[1]).getBytes(StandardCharsets.UTF_8))).as((String) b[0])
                    .isInstanceOf(ImportRejected.class).hasMessageContaining((String) b[2])
                    .satisfies(e -> assertThat(((ImportRejected) e).tooLarge()).isFalse());
            assertThat(nodes(target, "acme")).as((String) b[0] + ": nothing stored").isEmpty();
            assertThat(nodes(target, "globex")).as((String) b[0] + ": nothing stored").isEmpty();
        }
    }

    private static ObjectNode node(ObjectNode root, int i) {
        return (ObjectNode) root.get("nodes").get(i);
    }

    private static String edit(byte[] file, Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(file);
        change.accept(root);
        return JSON.writeValueAsString(root);
    }

    @Test
    void aFileLargerThanAllowedIsRefusedAsTooLargeAndGarbageAsMalformed() {
        config.importMaxMegabytes = 1;
        StringBuilder big = new StringBuilder("{\"format\":\"aragora.knowledge_mound\",\"version\":1,\"padding\":\"");
        while (big.length() < (2 << 20)) {
            big.append("x".repeat(1000));
        }
        byte[] garbage = new byte[3 << 20];
        new Random(1).nextBytes(garbage);

        assertThatThrownBy(() -> importInto(target, "acme", big.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ImportRejected.class).hasMessageContaining("larger than the 1 MB")
                .satisfies(e -> assertThat(((ImportRejected) e).tooLarge()).isTrue());
        assertThatThrownBy(() -> importInto(target, "acme", garbage)).isInstanceOf(ImportRejected.class)
                .hasMessageContaining("not valid JSON");
        assertThat(nodes(target, "acme")).isEmpty();
    }

    @Test
    void aLargeFileIsReadOneNodeAtATimeTellingItsProgress() throws IOException {
        List<NewNode> many = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            many.add(new NewNode("initech", "default", NodeKind.FACT, "Lesson number " + i + " of the migration", 0.6, Map.of(),
                    Provenance.ofDebate("consensus", "d" + i, null, T)));
        }
        source.mound.addAll(many);
        byte[] file = export(source, "initech", null, Format.JSON);
        List<Summary> told = new ArrayList<>();

        Summary done = exchange(target, config).importJson("initech", new ByteArrayInputStream(file), told::add);

        assertThat(told).containsExactly(new Summary(1_000, 0, 0), new Summary(2_000, 0, 0), new Summary(2_500, 0, 0));
        assertThat(done).isEqualTo(new Summary(2_500, 0, 2_500));
        assertThat(target.store.stats("initech", null).nodes()).isEqualTo(2_500);
    }

    @Test
    void graphMlIsWellFormedXmlWithEveryNodeAndEdge() throws Exception {
        byte[] file = export(source, "acme", null, Format.GRAPHML);

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(file));

        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("graphml");
        assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node").getLength()).isEqualTo(3);
        assertThat(doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge").getLength()).isEqualTo(2);
        String text = doc.getDocumentElement().getTextContent();
        assertThat(text).contains("Adopt exponential backoff with jitter <for> \"webhooks\" & queues")
                .contains("Whether retries \ufffd overload the \ud83d\ude80 downstream").doesNotContain("Globex");
    }

    @Test
    void d3HasNodesAndLinksByNodeId() throws IOException {
        JsonNode d3 = JSON.readTree(export(source, "acme", null, Format.D3));

        assertThat(d3.get("nodes")).hasSize(3);
        assertThat(d3.get("nodes")).extracting(n -> n.get("group").asText()).containsExactlyInAnyOrder("consensus", "crux", "fact");
        assertThat(d3.get("links")).hasSize(2).allSatisfy(l -> {
            assertThat(List.of(a, b, c)).contains(l.get("source").asText(), l.get("target").asText());
        });
    }

    @Test
    void anEmptyOrgExportsAFileThatImports() throws IOException {
        byte[] file = export(source, "initech", null, Format.JSON);

        assertThat(importInto(target, "initech", file)).isEqualTo(new Summary(0, 0, 0));
        assertThat(KnowledgeExchange.Format.of("GraphML")).isEqualTo(Format.GRAPHML);
    }
}
