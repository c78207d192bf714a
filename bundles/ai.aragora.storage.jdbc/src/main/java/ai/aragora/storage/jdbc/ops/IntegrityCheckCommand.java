package ai.aragora.storage.jdbc.ops;

import java.io.PrintStream;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.audit.AuditVerification;
import ai.aragora.api.receipt.ChainVerification;
import ai.aragora.api.receipt.ReceiptVerifier;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;
import ai.aragora.storage.jdbc.store.JdbcDebateStore;
import ai.aragora.storage.jdbc.store.JdbcReceiptStore;

/**
 * {@code aragora integrity-check}: the backend's own check of every database file (SQLite's
 * {@code PRAGMA integrity_check}), the receipt hash chain entry by entry, and the audit log's
 * chain. Exit 0 when everything holds, 1 otherwise.
 */
@Component(property = {Command.NAME + "=integrity-check",
        Command.SUMMARY + "=check every database file, the receipt chain and the audit log chain"})
public class IntegrityCheckCommand implements Command {

    private final StorageBackend backend;
    private final ReceiptVerifier verifier;
    private final AuditLog audit;

    @Activate
    public IntegrityCheckCommand(@Reference StorageBackend backend, @Reference ReceiptVerifier verifier,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit) {
        this.backend = backend;
        this.verifier = verifier;
        this.audit = audit;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            CommandLine.syntax().parse(args).noPositional();
        } catch (UsageException e) {
            err.println("aragora integrity-check: " + e.getMessage());
            return USAGE;
        }
        boolean ok = true;
        for (StorageBackend.Check check : backend.checkFiles()) {
            out.println((check.ok() ? "[PASS] " : "[FAIL] ") + check.subject() + ": " + check.detail());
            ok &= check.ok();
        }
        long orphans = JdbcDebateStore.orphanedTranscriptRows(backend.database(Store.ARAGORA));
        out.println(orphans == 0 ? "[PASS] transcripts: every message, event, critique and vote belongs to a debate"
                : "[FAIL] transcripts: " + orphans + " messages, events, critiques or votes belong to no debate");
        ok &= orphans == 0;
        ChainVerification chain = verifier.verifyChain(JdbcReceiptStore.on(backend.database(Store.ARAGORA)));
        out.println((chain.ok() ? "[PASS] " : "[FAIL] ") + "receipt chain: " + chain.entries() + " entries"
                + (chain.ok() ? " link and hash correctly" : ""));
        chain.problems().forEach(p -> out.println("       " + p));
        ok &= chain.ok();
        if (audit == null) {
            out.println("[SKIP] audit log: no audit log service is running");
        } else {
            AuditVerification v = audit.verify();
            out.println((v.ok() ? "[PASS] " : "[FAIL] ") + "audit log: " + v.files() + " files, " + v.entries() + " entries"
                    + (v.ok() ? " chain correctly" : ""));
            v.problems().forEach(p -> out.println("       " + p));
            ok &= v.ok();
        }
        out.println(ok ? "integrity ok" : "INTEGRITY PROBLEMS FOUND");
        return ok ? OK : FAILED;
    }
}
