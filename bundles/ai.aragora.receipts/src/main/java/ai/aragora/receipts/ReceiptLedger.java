package ai.aragora.receipts;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.receipt.ChainEntry;
import ai.aragora.api.receipt.Checkpoint;
import ai.aragora.api.receipt.ConsistencyProof;
import ai.aragora.api.receipt.DecisionRecord;
import ai.aragora.api.receipt.ExportFormat;
import ai.aragora.api.receipt.InclusionProof;
import ai.aragora.api.receipt.OdrVersion;
import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.Receipt;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.ReceiptExport;
import ai.aragora.api.receipt.ReceiptLog;
import ai.aragora.api.receipt.ReceiptService;
import ai.aragora.api.receipt.ReceiptStore;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.api.receipt.SigningKeys;
import ai.aragora.api.receipt.VerificationReport;
import ai.aragora.api.receipt.VerificationReport.Check;
import ai.aragora.api.receipt.VerificationReport.Status;
import ai.aragora.api.storage.Page;

/**
 * Issues receipts and keeps their history: builds and signs the ODR document, appends it to the
 * store's chain, mirrors the chain into the Merkle log and signs checkpoints every N receipts or
 * T seconds. Uses the {@link ReceiptStore} service when a storage bundle provides one and an
 * in-memory store, bounded by {@code memory.max.receipts}, until then; switching stores starts the
 * Merkle mirror over from the new store.
 * Signing is {@link ReceiptSigner}, the batched appends {@link AppendSequencer}, and the Merkle
 * mirror with its checkpoints and proofs {@link MerkleMirror}.
 */
@Component(service = {ReceiptService.class, ReceiptLog.class, SigningKeys.class},
        configurationPid = {ServerDirs.PID, ReceiptsConfig.PID})
public class ReceiptLedger implements ReceiptService, ReceiptLog, SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptLedger.class);
    private static final int MAX_PAGE = 10_000;

    private final SigningKeyRing keys;
    private final ReceiptVerifier verifier;
    private final OdrVersion defaultVersion;
    private final ReceiptSigner signer;
    private final ReceiptStore memory;
    private volatile ReceiptStore external;
    private final MerkleMirror mirror;
    private final AppendSequencer sequencer;

    @Activate
    public ReceiptLedger(ServerDirs server, ReceiptsConfig config, @Reference ReceiptVerifier verifier) {
        this(new SigningKeyRing(path(server.state_dir()), path(config.signing_key_file()), new SigningKeyRing.Log() {
                    @Override
                    public void info(String message) {
                        LOG.info(message);
                    }

                    @Override
                    public void warn(String message) {
                        LOG.warn(message);
                    }
                }),
                version(config.odr_version()), config.issuer(), config.checkpoint_every(), config.memory_max_receipts(),
                verifier, Clock.systemUTC());
        mirror.startTimer(Math.max(1, config.checkpoint_interval_seconds()));
    }

    ReceiptLedger(SigningKeyRing keys, OdrVersion defaultVersion, String issuer, int checkpointEvery, int memoryReceipts,
            ReceiptVerifier verifier, Clock clock) {
        this.keys = keys;
        this.memory = new InMemoryReceiptStore(memoryReceipts);
        this.defaultVersion = defaultVersion;
        this.verifier = verifier;
        this.signer = new ReceiptSigner(keys, issuer, clock);
        this.mirror = new MerkleMirror(this::store, keys, checkpointEvery, clock);
        this.sequencer = new AppendSequencer(this::store, mirror);
    }

    @Deactivate
    void deactivate() {
        mirror.stop();
        sequencer.stop();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(ReceiptStore store) {
        external = store;
        mirror.reset();
    }

    void unbindStore(ReceiptStore store) {
        if (external == store) {
            external = null;
            mirror.reset();
        }
    }

    private ReceiptStore store() {
        ReceiptStore bound = external;
        return bound != null ? bound : memory;
    }

    // --- ReceiptService

    @Override
    public Receipt issue(DecisionRecord decision) {
        return issue(decision, defaultVersion);
    }

    @Override
    public Receipt issue(DecisionRecord decision, OdrVersion version) {
        ReceiptSigner.Signed signed = signer.sign(decision, version);
        ChainEntry entry = store().append(signed.receipt(), signed.linker());
        mirror.add(List.of(entry));
        return signed.receipt();
    }

    /** Signs on the caller's thread; the {@link AppendSequencer} appends it. */
    @Override
    public CompletionStage<Receipt> issueAsync(DecisionRecord decision) {
        ReceiptSigner.Signed signed;
        try {
            signed = signer.sign(decision, defaultVersion);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sequencer.append(signed);
    }

    @Override
    public Optional<Receipt> find(String receiptId) {
        return store().find(receiptId);
    }

    @Override
    public List<Receipt> list(int offset, int limit) {
        return store().list(Math.max(0, offset), Math.min(Math.max(0, limit), MAX_PAGE));
    }

    @Override
    public long count() {
        return store().count();
    }

    @Override
    public Page<Receipt> list(String orgId, Function<String, Optional<String>> orgOf, int offset, int limit) {
        ReceiptStore store = store();
        int from = Math.max(0, offset);
        int size = Math.min(Math.max(0, limit), MAX_PAGE);
        return store.list(orgId, from, size).orElseGet(() -> OrgFilter.page(store::list, orgId, orgOf, from, size));
    }

    @Override
    public ReceiptExport export(String receiptId, ExportFormat format) {
        Receipt receipt = stored(receiptId);
        return ReceiptRendering.render(JsonDocuments.parseObject(receipt.document()),
                receipt.decision().map(JsonDocuments::parseObject), store().entry(receiptId), format);
    }

    @Override
    public VerificationReport verify(String receiptId) {
        Receipt receipt = stored(receiptId);
        List<String> pems = published().stream().map(PublicSigningKey::publicKeyPem).toList();
        Optional<String> chain = store().entry(receiptId).map(e -> HashChain.jsonl(List.of(e)));
        VerificationReport report = verifier.verify(receipt.document(), pems, chain);
        List<Check> checks = new ArrayList<>(report.checks());
        receipt.decision().ifPresent(record -> checks.add(artifactCheck(receipt, record)));
        return new VerificationReport(report.receiptId(), report.odrDigest(), report.keyId(), checks, report.warnings());
    }

    private static Check artifactCheck(Receipt receipt, String record) {
        String declared = JsonDocuments.parseObject(receipt.document()).path("source").path("artifact_hash").asText();
        String actual = Sha256.hex(record);
        return declared.equals(actual)
                ? new Check(VerificationReport.ARTIFACT, Status.PASS, "source.artifact_hash matches the stored decision record")
                : new Check(VerificationReport.ARTIFACT, Status.FAIL, "the stored decision record hashes to " + actual
                        + ", not to source.artifact_hash " + declared);
    }

    private Receipt stored(String receiptId) {
        return store().find(receiptId).orElseThrow(() -> new ReceiptException("no receipt with id " + receiptId));
    }

    // --- ReceiptLog

    @Override
    public long size() {
        return store().size();
    }

    @Override
    public Optional<ChainEntry> entry(String receiptId) {
        return store().entry(receiptId);
    }

    @Override
    public List<ChainEntry> entries(long fromSeq, int limit) {
        return store().entries(Math.max(1, fromSeq), Math.min(Math.max(0, limit), MAX_PAGE));
    }

    @Override
    public String exportJsonl(long fromSeq, int limit) {
        return HashChain.jsonl(entries(fromSeq, limit));
    }

    @Override
    public Checkpoint checkpoint() {
        return mirror.checkpoint();
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return mirror.latestCheckpoint();
    }

    @Override
    public List<Checkpoint> checkpoints(int offset, int limit) {
        return store().checkpoints(Math.max(0, offset), Math.min(Math.max(0, limit), MAX_PAGE));
    }

    @Override
    public Optional<InclusionProof> inclusionProof(String receiptId) {
        return mirror.inclusionProof(receiptId);
    }

    @Override
    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        return mirror.consistencyProof(firstSize, secondSize);
    }

    // --- SigningKeys

    @Override
    public PublicSigningKey active() {
        return keys.active();
    }

    @Override
    public List<PublicSigningKey> published() {
        return keys.published();
    }

    @Override
    public PublicSigningKey rotate() {
        return keys.rotate();
    }

    private static Optional<Path> path(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static OdrVersion version(String value) {
        return OdrVersion.fromWireName(value).orElseGet(() -> {
            LOG.warn("odr.version '{}' is not 0.1 or 0.2; issuing 0.2", value);
            return OdrVersion.V0_2;
        });
    }
}
