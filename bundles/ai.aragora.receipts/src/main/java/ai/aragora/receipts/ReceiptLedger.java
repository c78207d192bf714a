package ai.aragora.receipts;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
 * in-memory store until then; switching stores starts the Merkle mirror over from the new store.
 */
@Component(service = {ReceiptService.class, ReceiptLog.class, SigningKeys.class},
        configurationPid = {ServerDirs.PID, ReceiptsConfig.PID})
public class ReceiptLedger implements ReceiptService, ReceiptLog, SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptLedger.class);
    private static final int MAX_PAGE = 10_000;
    private static final int MAX_APPEND_BATCH = 128;

    private final SigningKeyRing keys;
    private final ReceiptVerifier verifier;
    private final OdrVersion defaultVersion;
    private final String issuer;
    private final int checkpointEvery;
    private final Clock clock;
    private final ReceiptStore memory = new InMemoryReceiptStore();
    private volatile ReceiptStore external;
    /** Guards {@link #tree}: the Merkle mirror of the store's chain. */
    private final Object logLock = new Object();
    private MerkleTree tree = new MerkleTree();
    /** Tree size of the latest checkpoint this ledger knows of; -1 until read from the store. */
    private long checkpointed = -1;
    private volatile ScheduledExecutorService timer;
    private final BlockingQueue<PendingAppend> appends = new LinkedBlockingQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean checkpointQueued = new AtomicBoolean();
    private final ThreadPoolExecutor sequencer = sequencer();

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
                version(config.odr_version()), config.issuer(), config.checkpoint_every(), verifier, Clock.systemUTC());
        int seconds = Math.max(1, config.checkpoint_interval_seconds());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "aragora-receipt-checkpoints");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::checkpointIfGrown, seconds, seconds, TimeUnit.SECONDS);
    }

    ReceiptLedger(SigningKeyRing keys, OdrVersion defaultVersion, String issuer, int checkpointEvery,
            ReceiptVerifier verifier, Clock clock) {
        this.keys = keys;
        this.defaultVersion = defaultVersion;
        this.issuer = issuer;
        this.checkpointEvery = Math.max(1, checkpointEvery);
        this.verifier = verifier;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        if (timer != null) {
            timer.shutdownNow();
        }
        // Receipts already queued are still appended; later ones are refused.
        sequencer.shutdown();
    }

    /** One thread, gone while idle: receipts are appended in the order they were queued. */
    private static ThreadPoolExecutor sequencer() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "aragora-receipt-sequencer");
            t.setDaemon(true);
            return t;
        });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindStore(ReceiptStore store) {
        external = store;
        resetMirror();
    }

    void unbindStore(ReceiptStore store) {
        if (external == store) {
            external = null;
            resetMirror();
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
        Signed signed = sign(decision, version);
        ChainEntry entry = store().append(signed.receipt(), signed.linker());
        mirror(List.of(entry));
        return signed.receipt();
    }

    /**
     * Signs on the caller's thread and queues the receipt for the sequencer, which appends all
     * receipts queued meanwhile (up to 128) in one store write: under load they cost one chain
     * head update and one commit, and no thread waits for its own.
     */
    @Override
    public CompletionStage<Receipt> issueAsync(DecisionRecord decision) {
        Signed signed;
        try {
            signed = sign(decision, defaultVersion);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Receipt> stored = new CompletableFuture<>();
        appends.add(new PendingAppend(signed, stored));
        if (draining.compareAndSet(false, true)) {
            try {
                sequencer.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                for (PendingAppend p; (p = appends.poll()) != null; ) {
                    p.stored().completeExceptionally(new ReceiptException("the receipt service has stopped"));
                }
            }
        }
        return stored;
    }

    private record Signed(Receipt receipt, ReceiptStore.ChainLinker linker) {
    }

    private record PendingAppend(Signed signed, CompletableFuture<Receipt> stored) {
    }

    private Signed sign(DecisionRecord decision, OdrVersion version) {
        SigningKeyRing.Signer signer = keys.signer();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String receiptId = "rcpt-" + UUID.randomUUID();
        String record = CanonicalJson.text(OdrDocumentBuilder.decision(decision));
        ObjectNode document = OdrDocumentBuilder.build(decision, receiptId, now, version, Sha256.hex(record));
        // Not validated against the schema here: DecisionRecord's invariants (non-blank text,
        // confidence in [0, 1]) are the schema's only data-dependent rules; tests hold the rest.
        CanonicalJson.Gap unsigned = OdrSignatures.unsigned(document);
        String digest = OdrSignatures.digest(unsigned);
        ArrayNode signatures = document.withArray("signatures");
        signatures.add(OdrSignatures.sign(version, digest, signer, issuer, OdrDocumentBuilder.timestamp(now)));
        Receipt receipt = new Receipt(receiptId, decision.debateId(), version, now, digest, signer.keyId(),
                unsigned.filled(signatures), Optional.of(record));
        String issuedAt = document.get("issued_at").textValue();
        return new Signed(receipt, (seq, prev) -> HashChain.link(seq, prev, receiptId, digest, issuedAt));
    }

    private void drain() {
        List<PendingAppend> batch = new ArrayList<>(MAX_APPEND_BATCH);
        while (true) {
            appends.drainTo(batch, MAX_APPEND_BATCH);
            if (batch.isEmpty()) {
                draining.set(false);
                // Queued after the drain found nothing, but before the flag was down: take it here.
                if (appends.isEmpty() || !draining.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            append(batch);
            batch.clear();
        }
    }

    private void append(List<PendingAppend> batch) {
        ReceiptStore store = store();
        List<ChainEntry> entries;
        try {
            entries = store.appendAll(batch.stream().map(p -> p.signed().receipt()).toList(),
                    batch.stream().map(p -> p.signed().linker()).toList());
        } catch (RuntimeException e) {
            // One bad receipt fails alone: each is appended on its own, unless the store kept it before failing.
            for (PendingAppend p : batch) {
                try {
                    Receipt receipt = p.signed().receipt();
                    ChainEntry entry = store.entry(receipt.receiptId()).orElseGet(() -> store.append(receipt, p.signed().linker()));
                    mirror(List.of(entry));
                    p.stored().complete(receipt);
                } catch (RuntimeException failed) {
                    p.stored().completeExceptionally(failed);
                }
            }
            return;
        }
        try {
            mirror(entries);
        } catch (RuntimeException e) {
            LOG.warn("the Merkle log could not follow the receipt chain: {}", e.getMessage());
        }
        for (PendingAppend p : batch) {
            p.stored().complete(p.signed().receipt());
        }
    }

    /** Adds stored entries to the Merkle mirror and checkpoints when due. */
    private void mirror(List<ChainEntry> entries) {
        boolean due;
        synchronized (logLock) {
            for (ChainEntry entry : entries) {
                if (tree.size() == entry.seq() - 1) {
                    tree.appendLeafHash(MerkleTree.leafHash(HashChain.canonical(entry)));
                } else if (tree.size() < entry.seq()) {
                    sync();
                }
            }
            due = tree.size() - checkpointedSize() >= checkpointEvery;
            if (due && timer == null) {
                checkpointLocked();
            }
        }
        // A checkpoint waits for its own write: on the timer's thread, not the sequencer's.
        if (due && timer != null && checkpointQueued.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    checkpointQueued.set(false);
                    checkpointIfGrown();
                });
            } catch (RejectedExecutionException stopped) {
                checkpointQueued.set(false);
            }
        }
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
        synchronized (logLock) {
            sync();
            return checkpointLocked();
        }
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint() {
        return store().checkpoints(0, 1).stream().findFirst();
    }

    @Override
    public List<Checkpoint> checkpoints(int offset, int limit) {
        return store().checkpoints(Math.max(0, offset), Math.min(Math.max(0, limit), MAX_PAGE));
    }

    @Override
    public Optional<InclusionProof> inclusionProof(String receiptId) {
        Optional<ChainEntry> entry = store().entry(receiptId);
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        synchronized (logLock) {
            Optional<Checkpoint> latest = latestCheckpoint();
            sync();
            Checkpoint head = latest.filter(c -> c.treeSize() >= entry.get().seq() && c.treeSize() <= tree.size())
                    .orElseGet(this::checkpointLocked);
            List<String> path = hex(tree.inclusionPath(entry.get().leafIndex(), head.treeSize()));
            return Optional.of(new InclusionProof(entry.get(), path, head));
        }
    }

    @Override
    public ConsistencyProof consistencyProof(long firstSize, long secondSize) {
        if (firstSize > secondSize) {
            throw new ReceiptException("the first size " + firstSize + " is larger than the second " + secondSize);
        }
        Checkpoint first = store().checkpoint(firstSize)
                .orElseThrow(() -> new ReceiptException("no checkpoint for tree size " + firstSize));
        Checkpoint second = store().checkpoint(secondSize)
                .orElseThrow(() -> new ReceiptException("no checkpoint for tree size " + secondSize));
        synchronized (logLock) {
            sync();
            return new ConsistencyProof(first, second, hex(tree.consistencyPath(firstSize, secondSize)));
        }
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

    // --- the Merkle mirror

    /** Signs and stores outside the lock, so receipts go on being appended meanwhile. */
    private void checkpointIfGrown() {
        try {
            ReceiptStore target = store();
            long size;
            byte[] root;
            synchronized (logLock) {
                sync();
                size = tree.size();
                if (size <= checkpointedSize()) {
                    return;
                }
                root = tree.root(size);
            }
            target.saveCheckpoint(Checkpoints.sign(size, root, clock.instant(), keys.signer()));
            synchronized (logLock) {
                if (store() == target) {
                    checkpointed = Math.max(checkpointed, size);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("receipt log checkpoint failed: {}", e.getMessage());
        }
    }

    private Checkpoint checkpointLocked() {
        long size = tree.size();
        Optional<Checkpoint> existing = store().checkpoint(size);
        if (existing.isPresent()) {
            checkpointed = Math.max(checkpointed, size);
            return existing.get();
        }
        Checkpoint signed = Checkpoints.sign(size, tree.root(size), clock.instant(), keys.signer());
        store().saveCheckpoint(signed);
        checkpointed = Math.max(checkpointed, size);
        return store().checkpoint(size).orElse(signed);
    }

    /** Another instance may have checkpointed since: at worst this checkpoints again, which finds theirs. */
    private long checkpointedSize() {
        if (checkpointed < 0) {
            checkpointed = latestCheckpoint().map(Checkpoint::treeSize).orElse(0L);
        }
        return checkpointed;
    }

    /** Catches the mirror up with the store; the store's chain is the truth. */
    private void sync() {
        ReceiptStore store = store();
        long target = store.size();
        if (target < tree.size()) {
            tree = new MerkleTree();
            checkpointed = -1;
        }
        while (tree.size() < target) {
            List<ChainEntry> batch = store.entries(tree.size() + 1, 1024);
            if (batch.isEmpty()) {
                throw new ReceiptException("the store reports " + target + " chain entries but returned none after " + tree.size());
            }
            for (ChainEntry e : batch) {
                if (e.seq() != tree.size() + 1) {
                    throw new ReceiptException("the store's chain jumps from " + tree.size() + " to " + e.seq());
                }
                tree.appendLeafHash(MerkleTree.leafHash(HashChain.canonical(e)));
            }
        }
    }

    /** The mirror is rebuilt from the new store at once, in the background, not by the first receipt issued. */
    private void resetMirror() {
        synchronized (logLock) {
            tree = new MerkleTree();
            checkpointed = -1;
        }
        ScheduledExecutorService background = timer;
        if (background != null) {
            try {
                background.execute(() -> {
                    try {
                        synchronized (logLock) {
                            sync();
                            checkpointedSize();
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("the Merkle log could not be rebuilt from the receipt store: {}", e.getMessage());
                    }
                });
            } catch (RejectedExecutionException stopped) {
                // deactivated: nothing more is issued
            }
        }
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HexFormat.of()::formatHex).toList();
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
