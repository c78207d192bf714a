package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

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

/**
 * {@code aragora backup [--to DIR]}: a consistent copy of every database while the server runs
 * (SQLite's online backup API), by default into {@code <data dir>/backups/<UTC time>}.
 */
@Component(property = {Command.NAME + "=backup", Command.SUMMARY + "=copy every database consistently, also while serving: backup [--to DIR]"},
        configurationPid = ServerDirs.PID)
public class BackupCommand implements Command {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("to");

    private final StorageBackend backend;
    private final AuditLog audit;
    private final String dataDir;

    @Activate
    public BackupCommand(@Reference StorageBackend backend,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit,
            ServerDirs dirs) {
        this.backend = backend;
        this.audit = audit;
        this.dataDir = dirs.data_dir();
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path target;
        try {
            CommandLine a = SYNTAX.parse(args);
            a.noPositional();
            target = a.value("to").map(Path::of)
                    .orElseGet(() -> Path.of(dataDir).resolve("backups").resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC))));
        } catch (UsageException e) {
            err.println("aragora backup: " + e.getMessage());
            err.println("usage: aragora backup [--to DIR]");
            return USAGE;
        }
        try {
            List<Path> files = backend.backup(target.toAbsolutePath());
            long bytes = 0;
            for (Path f : files) {
                long size = Files.size(f);
                bytes += size;
                out.println(f + " (" + size + " bytes, integrity ok)");
            }
            err.println("backed up " + files.size() + " databases to " + target.toAbsolutePath());
            OperatorAudit.record(audit, "storage.backup", target.toAbsolutePath().toString(), "success",
                    Map.of("files", String.valueOf(files.size()), "bytes", String.valueOf(bytes)));
            return OK;
        } catch (UnsupportedOperationException e) {
            err.println("aragora backup: " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("aragora backup: failed: " + e.getMessage());
            OperatorAudit.record(audit, "storage.backup", target.toAbsolutePath().toString(), "failed", Map.of());
            return FAILED;
        }
    }
}
