package ai.aragora.receipts;

import static ai.aragora.receipts.OdrVectorsTest.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.ConsistencyProof;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.DecisionRecord.BaselineVote;
import ai.aragora.api.receipt.DecisionRecord.Consensus;
import ai.aragora.api.receipt.DecisionRecord.Dissent;
import ai.aragora.api.receipt.DecisionRecord.Participant;
import ai.aragora.api.receipt.DecisionRecord.Usage;
import ai.aragora.api.receipt.DecisionRecord.Verdict;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.InclusionProof;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.receipt.VerificationReport.Status;
import ai.aragora.api.storage.Page;

class ReceiptLedgerTest {

    @TempDir
    Path state;

    private final OdrReceiptVerifier verifier = new OdrReceiptVerifier();
    private final OdrSchema schema = new OdrSchema();
    private ReceiptLedger ledger;

    @BeforeEach
    void setUp() {
        ledger = ledger(4);
    }

    private ReceiptLedger ledger(int checkpointEvery) {
        SigningKeyRing keys = new SigningKeyRing(Optional.of(state), Optional.empty(), quiet());
        Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:03:00Z"), ZoneOffset.UTC);
        return new ReceiptLedger(keys, OdrVersion.V0_2, "aragora", checkpointEvery, 1000, verifier, clock);
    }

    static SigningKeyRing.Log quiet() {
        return new SigningKeyRing.Log() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }

    /** Every consensus mode, every verdict, with and without dissent, in both profiles. */
    @Test
    void everyReceiptConformsToTheSchemaAndVerifies() {
        List<String> pems = ledger.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        int issued = 0;
        for (String method : Decisions.METHODS) {
            for (Verdict verdict : Verdict.values()) {
                for (boolean dissent : new boolean[] {true, false}) {
                    for (OdrVersion version : OdrVersion.values()) {
                        Receipt receipt = ledger.issue(Decisions.of(method, verdict, dissent), version);
                        ObjectNode doc = JsonDocuments.parseObject(receipt.document());
                        assertThat(schema.validate(doc)).as("%s %s %s", method, verdict, version).isEmpty();
                        assertThat(doc.get("odr_version").textValue()).isEqualTo(version.wireName());
                        VerificationReport report = verifier.verify(receipt.document(), pems, Optional.empty());
                        assertThat(report.verified()).as(report.checks().toString()).isTrue();
                        assertThat(report.odrDigest()).isEqualTo(receipt.odrDigest());
                        issued++;
                    }
                }
            }
        }
        assertThat(ledger.count()).isEqualTo(issued);
        assertThat(ledger.size()).isEqualTo(issued);
    }

    /** What debates may produce at the edges: blank or huge text, any Unicode, extreme numbers. */
    @Test
    void edgeDataStillConformsToTheSchema() {
        String huge = "x".repeat(200_000);
        String unicode = "\u00e9\u4e2d\ud83d\ude00 \"quoted\" \\ back\u0001slash\n";
        List<DecisionRecord> edges = List.of(
                new DecisionRecord("d-blank", "t", Verdict.REJECTED, Optional.of("  "), Optional.of(""),
                        new Consensus("majority", false, Optional.of(0.0)), List.of(), List.of(new Dissent("a", "")),
                        List.of(new Participant("a", "", " "), new Participant("b", null, null)), Optional.empty(),
                        new Usage(0, 0, 0.0), Instant.EPOCH, Instant.EPOCH, Optional.of(" ")),
                new DecisionRecord("d-" + unicode, unicode, Verdict.APPROVED, Optional.of(huge), Optional.of(unicode),
                        new Consensus(unicode, true, Optional.of(1.0)), List.of(unicode), List.of(),
                        List.of(new Participant(unicode, unicode, unicode)), Optional.of(new BaselineVote(unicode, 1e-7)),
                        new Usage(Long.MAX_VALUE, 1L << 53, 1e21), Instant.parse("9999-12-31T23:59:59Z"),
                        Instant.parse("9999-12-31T23:59:59Z"), Optional.of(unicode)));
        List<String> pems = ledger.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        for (DecisionRecord decision : edges) {
            for (OdrVersion version : OdrVersion.values()) {
                Receipt receipt = ledger.issue(decision, version);
                ObjectNode doc = JsonDocuments.parseObject(receipt.document());
                assertThat(schema.validate(doc)).as("%s %s", decision.debateId(), version).isEmpty();
                assertThat(verifier.verify(receipt.document(), pems, Optional.empty()).verified()).isTrue();
            }
        }
    }

    @Test
    void theDocumentStatesTheWholeDecisionAndMarksTheUnknownAbsent() {
        DecisionRecord decision = Decisions.of("any", Verdict.NEEDS_REVIEW, true);
        ObjectNode doc = JsonDocuments.parseObject(ledger.issue(decision).document());
        assertThat(doc.at("/claim/verdict").textValue()).isEqualTo("NEEDS_REVIEW");
        assertThat(doc.at("/claim/statement").textValue()).startsWith("Yes: exponential backoff");
        assertThat(doc.at("/reasoning/status").textValue()).isEqualTo("absent");
        assertThat(doc.at("/subject/digest/value").textValue()).isEqualTo(Sha256.hex(decision.task()));
        assertThat(doc.at("/quorum/participants/2/model_family").textValue()).isEqualTo("undisclosed");
        assertThat(doc.at("/quorum/independence/distinct_model_families").intValue()).isEqualTo(2);
        assertThat(doc.at("/quorum/independence/note").textValue()).contains("1 of 3");
        assertThat(doc.at("/quorum/dissent/dissenting_agents/0").textValue()).isEqualTo("gpt");
        assertThat(doc.at("/confidence/value").doubleValue()).isEqualTo(2.0 / 3.0);
        assertThat(doc.at("/confidence/calibration/status").textValue()).isEqualTo("absent");
        assertThat(doc.at("/attestation/disposition").textValue()).isEqualTo("autonomous");
        assertThat(doc.at("/source/system").textValue()).isEqualTo("aragora");
        assertThat(doc.at("/signatures/0/issuer").textValue()).isEqualTo("aragora");
        assertThat(doc.at("/signatures/0/role").textValue()).isEqualTo("emitter");
        assertThat(doc.at("/signatures/0/signed_at").textValue()).isEqualTo("2026-11-22T10:03:00+00:00");

        ObjectNode none = JsonDocuments.parseObject(ledger.issue(Decisions.of("none", Verdict.REJECTED, false)).document());
        assertThat(none.at("/confidence/status").textValue()).isEqualTo("absent");
        assertThat(none.at("/quorum/reached").booleanValue()).isFalse();
    }

    @Test
    void theSignatureCoversBaselineVoteTokensAndCostThroughTheArtifactHash() {
        Receipt receipt = ledger.issue(Decisions.typical());
        JsonNode record = JsonDocuments.parse(receipt.decision().orElseThrow());
        assertThat(record.at("/baseline_vote/winner").textValue()).isEqualTo("yes");
        assertThat(record.at("/usage/input_tokens").longValue()).isEqualTo(12_345);
        assertThat(record.at("/usage/cost_usd").doubleValue()).isEqualTo(0.0421);
        assertThat(JsonDocuments.parse(receipt.document()).at("/source/artifact_hash").textValue())
                .isEqualTo(Sha256.hex(receipt.decision().get()));
        VerificationReport report = ledger.verify(receipt.receiptId());
        assertThat(report.verified()).isTrue();
        assertThat(status(report, VerificationReport.ARTIFACT)).isEqualTo(Status.PASS);
        assertThat(status(report, VerificationReport.CHAIN)).isEqualTo(Status.PASS);
    }

    @Test
    void aV01ReceiptSignsTheRawDigestWithoutMetadata() {
        ObjectNode doc = JsonDocuments.parseObject(ledger.issue(Decisions.typical(), OdrVersion.V0_1).document());
        assertThat(doc.at("/signatures/0").size()).isEqualTo(3);
        assertThat(doc.at("/profile").textValue()).isEqualTo("https://aragora.ai/specs/open-decision-receipt/v0.1");
    }

    @Test
    void inconsistentDecisionsAreRefusedBeforeAnythingIsSigned() {
        DecisionRecord d = Decisions.typical();
        DecisionRecord ghost = new DecisionRecord(d.debateId(), d.task(), d.verdict(), d.finalAnswer(), d.reasoningSummary(),
                d.consensus(), List.of("claude", "ghost"), d.dissent(), d.participants(), d.baseline(), d.usage(),
                d.startedAt(), d.finishedAt(), d.calibrationRef());
        assertThatThrownBy(() -> ledger.issue(ghost)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        assertThat(ledger.count()).isZero();
    }

    @Test
    void chainLinksEveryReceiptAndExportsAsJsonl() {
        List<Receipt> receipts = List.of(ledger.issue(Decisions.typical()), ledger.issue(Decisions.typical()), ledger.issue(Decisions.typical()));
        String jsonl = ledger.exportJsonl(1, 100);
        assertThat(jsonl.lines()).hasSize(3);
        assertThat(ledger.entries(1, 10).get(0).prevHash()).isEqualTo("0".repeat(64));
        assertThat(ledger.entries(1, 10).get(2).prevHash()).isEqualTo(ledger.entries(1, 10).get(1).hash());
        List<String> pems = ledger.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        for (Receipt r : receipts) {
            VerificationReport report = verifier.verify(r.document(), pems, Optional.of(jsonl));
            assertThat(status(report, VerificationReport.CHAIN)).isEqualTo(Status.PASS);
        }
        assertThat(ledger.list(0, 2)).extracting(Receipt::receiptId).containsExactly(receipts.get(2).receiptId(), receipts.get(1).receiptId());
    }

    /** The in-memory store keeps no debates: the caller's orgOf places each receipt, and a page holds only that org's. */
    @Test
    void listingByOrgFillsPagesWithThatOrgsReceiptsAndCountsOnlyThem() {
        List<Receipt> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(ledger.issue(Decisions.typical("a-" + i)));
            ledger.issue(Decisions.typical("b-" + i));
            ledger.issue(Decisions.typical("b-" + i + "-retried"));
        }
        ledger.issue(Decisions.typical("deleted"));
        Function<String, Optional<String>> orgOf = debate -> debate.startsWith("a-") ? Optional.of("org-a")
                : debate.startsWith("b-") ? Optional.of("org-b") : Optional.empty();

        Page<Receipt> page = ledger.list("org-a", orgOf, 1, 3);
        assertThat(page.items()).extracting(Receipt::receiptId).containsExactly(mine.get(3).receiptId(), mine.get(2).receiptId(),
                mine.get(1).receiptId());
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.hasMore()).isTrue();
        assertThat(ledger.list("org-b", orgOf, 8, 100).items()).extracting(Receipt::debateId).containsExactly("b-0-retried", "b-0");
        assertThat(ledger.list("org-b", orgOf, 0, 1).total()).isEqualTo(10);
        assertThat(ledger.list("org-c", orgOf, 0, 10).total()).isZero();
        assertThat(ledger.count()).isEqualTo(16);
    }

    /** While the store is busy, receipts queue up and are then appended together, in one chain. */
    @Test
    void receiptsIssuedTogetherShareStoreWritesAndFormOneChain() throws Exception {
        CountingStore store = new CountingStore();
        ledger.bindStore(store);
        store.gate = new CountDownLatch(1);
        List<CompletableFuture<Receipt>> issued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            issued.add(ledger.issueAsync(Decisions.typical()).toCompletableFuture());
        }
        store.gate.countDown();
        List<Receipt> receipts = new ArrayList<>();
        for (CompletableFuture<Receipt> f : issued) {
            receipts.add(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(store.size()).isEqualTo(200);
        assertThat(store.appendAlls.get()).as("store writes for 200 receipts").isLessThan(20);
        String jsonl = ledger.exportJsonl(1, 1000);
        List<String> pems = ledger.published().stream().map(PublicSigningKey::publicKeyPem).toList();
        for (Receipt r : List.of(receipts.get(0), receipts.get(199))) {
            assertThat(status(verifier.verify(r.document(), pems, Optional.of(jsonl)), VerificationReport.CHAIN)).isEqualTo(Status.PASS);
        }
        InclusionProof proof = ledger.inclusionProof(receipts.get(150).receiptId()).orElseThrow();
        assertThat(verifier.verifyInclusion(proof, ledger.published())).isTrue();
    }

    /** A store bound to the running service is mirrored at once, not by the first receipt issued after it. */
    @Test
    void theMerkleMirrorIsRebuiltInTheBackgroundWhenAStoreIsBound() throws Exception {
        CountingStore store = new CountingStore();
        ledger.bindStore(store);
        for (int i = 0; i < 20; i++) {
            ledger.issue(Decisions.typical());
        }
        ReceiptLedger running = new ReceiptLedger(annotation(ServerDirs.class, Map.of("state_dir", state.toString())),
                annotation(ReceiptsConfig.class, Map.of()), verifier);
        try {
            int before = store.entryReads.get();
            running.bindStore(store);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (store.entryReads.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(store.entryReads.get()).as("the chain read back in the background").isGreaterThan(before);
            Thread.sleep(100);
            int warmed = store.entryReads.get();
            Receipt next = running.issue(Decisions.typical());
            assertThat(store.entryReads.get()).as("no chain read when issuing").isEqualTo(warmed);
            assertThat(verifier.verifyInclusion(running.inclusionProof(next.receiptId()).orElseThrow(), running.published())).isTrue();
        } finally {
            running.deactivate();
        }
    }

    /** A component property type as DS would make it: the given values, the declared defaults otherwise. */
    @SuppressWarnings("unchecked")
    private static <A> A annotation(Class<A> type, Map<String, Object> values) {
        return (A) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue());
    }

    /** A receipt the store refuses fails alone; the others of its batch are stored. */
    @Test
    void aReceiptTheStoreRefusesFailsAloneInItsBatch() throws Exception {
        CountingStore store = new CountingStore();
        ledger.bindStore(store);
        store.gate = new CountDownLatch(1);
        List<CompletableFuture<Receipt>> issued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            issued.add(ledger.issueAsync(Decisions.typical()).toCompletableFuture());
        }
        store.refusing = true;
        store.refused = 5;
        store.gate.countDown();
        int failed = 0;
        for (CompletableFuture<Receipt> f : issued) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(ReceiptException.class);
                failed++;
            }
        }
        assertThat(failed).isEqualTo(1);
        assertThat(store.size()).isEqualTo(9);
        assertThat(ledger.inclusionProof(issued.get(9).get().receiptId())).isPresent();
    }

    /** The in-memory store, counting batch appends; it can hold them until released and refuse its n-th receipt. */
    private static final class CountingStore extends InMemoryReceiptStore {
        final AtomicInteger appendAlls = new AtomicInteger();
        final AtomicInteger entryReads = new AtomicInteger();
        final AtomicInteger seen = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile boolean refusing;
        volatile int refused = -1;
        private volatile String refusedId;

        CountingStore() {
            super(1000);
        }

        @Override
        public List<ChainEntry> appendAll(List<Receipt> receipts, List<ChainLinker> linkers) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            appendAlls.incrementAndGet();
            return super.appendAll(receipts, linkers);
        }

        @Override
        public synchronized ChainEntry append(Receipt receipt, ChainLinker linker) {
            if (refusing && refusedId == null && seen.incrementAndGet() == refused) {
                refusedId = receipt.receiptId();
            }
            if (receipt.receiptId().equals(refusedId)) {
                throw new ReceiptException("refused " + receipt.receiptId());
            }
            return super.append(receipt, linker);
        }

        @Override
        public List<ChainEntry> entries(long fromSeq, int limit) {
            entryReads.incrementAndGet();
            return super.entries(fromSeq, limit);
        }
    }

    @Test
    void checkpointsAreSignedEveryNReceiptsAndProveInclusionAndConsistency() {
        for (int i = 0; i < 9; i++) {
            ledger.issue(Decisions.typical());
        }
        assertThat(ledger.checkpoints(0, 10)).extracting(Checkpoint::treeSize).containsExactly(8L, 4L);
        List<PublicSigningKey> keys = ledger.published();
        Receipt last = ledger.list(0, 1).get(0);
        InclusionProof proof = ledger.inclusionProof(last.receiptId()).orElseThrow();
        assertThat(proof.checkpoint().treeSize()).isEqualTo(9);
        assertThat(proof.leaf().odrDigest()).isEqualTo(last.odrDigest());
        assertThat(verifier.verifyInclusion(proof, keys)).isTrue();
        InclusionProof first = ledger.inclusionProof(ledger.entries(1, 1).get(0).receiptId()).orElseThrow();
        assertThat(verifier.verifyInclusion(first, keys)).isTrue();
        Checkpoint older = ledger.checkpoints(0, 10).get(1);
        InclusionProof forged = new InclusionProof(proof.leaf(), proof.auditPath(), older);
        assertThat(verifier.verifyInclusion(forged, keys)).isFalse();

        ConsistencyProof consistency = ledger.consistencyProof(4, 9);
        assertThat(verifier.verifyConsistency(consistency, keys)).isTrue();
        assertThat(verifier.verifyConsistency(new ConsistencyProof(consistency.second(), consistency.first(), consistency.path()), keys)).isFalse();
        assertThatThrownBy(() -> ledger.consistencyProof(3, 9)).isInstanceOf(ReceiptException.class);
        Checkpoint head = ledger.latestCheckpoint().orElseThrow();
        Checkpoint resigned = new Checkpoint(head.treeSize(), "00".repeat(32), head.timestamp(), head.keyId(), head.signature());
        assertThat(verifier.verifyCheckpoint(head, keys)).isTrue();
        assertThat(verifier.verifyCheckpoint(resigned, keys)).isFalse();
    }

    @Test
    void rotationKeepsOldReceiptsVerifiable() {
        Receipt before = ledger.issue(Decisions.typical());
        PublicSigningKey next = ledger.rotate();
        Receipt after = ledger.issue(Decisions.typical());
        assertThat(after.keyId()).isEqualTo(next.keyId()).isNotEqualTo(before.keyId());
        assertThat(ledger.verify(before.receiptId()).verified()).isTrue();
        assertThat(ledger.verify(after.receiptId()).verified()).isTrue();
    }

    @Test
    void exportsEscapeWhatAgentsWrote() {
        Receipt receipt = ledger.issue(Decisions.typical());
        String html = ledger.export(receipt.receiptId(), ExportFormat.HTML).body();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("anthropic").contains("12345 in");
        String md = ledger.export(receipt.receiptId(), ExportFormat.MD).body();
        assertThat(md).doesNotContain("<script>").contains("\\<script\\>").contains("\\|").contains("**PASS**");
        String odr = ledger.export(receipt.receiptId(), ExportFormat.ODR).body();
        assertThat(CanonicalJson.text(JsonDocuments.parse(odr))).isEqualTo(receipt.document());
        JsonNode json = JsonDocuments.parse(ledger.export(receipt.receiptId(), ExportFormat.JSON).body());
        assertThat(json.get("odr_digest").textValue()).isEqualTo(receipt.odrDigest());
        assertThat(json.at("/chain_entry/seq").longValue()).isEqualTo(1);
        assertThat(json.at("/decision/debate_id").textValue()).isEqualTo(receipt.debateId());
        assertThat(ledger.export(receipt.receiptId(), ExportFormat.MD).fileName()).isEqualTo(receipt.receiptId() + ".md");
        assertThatThrownBy(() -> ledger.export("rcpt-missing", ExportFormat.ODR)).isInstanceOf(ReceiptException.class);
    }

    @Test
    void nothingIsIssuedWithoutAUsableKey() {
        ReceiptLedger keyless = new ReceiptLedger(new SigningKeyRing(Optional.empty(), Optional.empty(), quiet()),
                OdrVersion.V0_2, "aragora", 4, 1000, verifier, Clock.systemUTC());
        assertThatThrownBy(() -> keyless.issue(Decisions.typical())).isInstanceOf(ReceiptException.class);
        assertThat(keyless.count()).isZero();
    }
}
