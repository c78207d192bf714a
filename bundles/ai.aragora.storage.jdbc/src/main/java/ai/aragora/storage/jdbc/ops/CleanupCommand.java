package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;
import ai.aragora.storage.jdbc.StorageBackend;
import ai.aragora.storage.jdbc.Store;

/**
 * {@code aragora cleanup --dry-run | --yes [--archive-to DIR]}: receipts past retention lose
 * their documents (archived first when asked; chain entries stay) and left-over WAL, SHM and
 * journal files of databases that no longer exist are removed. Database files themselves are
 * never deleted. Nothing changes without {@code --yes}.
 */
@Component(property = {Command.NAME + "=cleanup",
        Command.SUMMARY + "=receipt retention and orphaned files: cleanup --dry-run | --yes [--archive-to DIR] [--retention-days N]"},
        configurationPid = StorageConfig.PID)
public class CleanupCommand implements Command {

    static final String HELP = "usage: aragora cleanup --dry-run | --yes [--archive-to DIR] [--retention-days N]";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().flag("dry-run", "yes").value("archive-to", "retention-days");

    private final StorageBackend backend;
    private final AuditLog audit;
    private final int retentionDays;

    @Activate
    public CleanupCommand(@Reference StorageBackend backend,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit,
            StorageConfig config) {
        this.backend = backend;
        this.audit = audit;
        this.retentionDays = config.receipt_retention_days();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        boolean apply;
        int days;
        Optional<Path> archive;
        try {
            CommandLine a = SYNTAX.parse(args);
            a.noPositional();
            if (a.has("dry-run") == a.has("yes")) {
                throw new UsageException("say either --dry-run (show) or --yes (delete)");
            }
            apply = a.has("yes");
            days = a.integer("retention-days", retentionDays, 1, 36_500);
            archive = a.value("archive-to").map(Path::of);
        } catch (UsageException e) {
            err.println("aragora cleanup: " + e.getMessage());
            err.println(HELP);
            return USAGE;
        }
        try {
            ReceiptRetention retention = new ReceiptRetention(backend.database(Store.ARAGORA));
            Instant cutoff = Instant.now().minus(Duration.ofDays(days));
            long expired = retention.expired(cutoff);
            List<Path> orphans = backend.orphanedFiles();
            out.println("receipts older than " + days + " days (before " + cutoff + "): " + expired);
            orphans.forEach(p -> out.println("orphaned file: " + p));
            if (!apply) {
                out.println("dry run: nothing changed; run with --yes to " + (archive.isPresent() ? "archive and " : "") + "delete");
                return OK;
            }
            if (archive.isPresent() && expired > 0) {
                Path file = archive.get().toAbsolutePath().resolve("receipts-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + ".jsonl");
                long written = retention.archive(cutoff, file);
                out.println("archived " + written + " receipts to " + file);
            }
            long purged = retention.purge(cutoff);
            for (Path p : orphans) {
                Files.deleteIfExists(p);
            }
            out.println("deleted " + purged + " receipts (chain entries kept) and " + orphans.size() + " orphaned files");
            OperatorAudit.record(audit, "storage.cleanup", backend.name(), "success", Map.of("receipts", String.valueOf(purged),
                    "orphaned_files", String.valueOf(orphans.size()), "retention_days", String.valueOf(days)));
            return OK;
        } catch (IOException | RuntimeException e) {
            err.println("aragora cleanup: failed: " + e.getMessage());
            return FAILED;
        }
    }
}
