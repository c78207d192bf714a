package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import ai.aragora.api.audit.AuditLog;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.launcher.spi.Command;
import ai.aragora.launcher.spi.CommandLine;
import ai.aragora.launcher.spi.UsageException;
import ai.aragora.storage.jdbc.StorageBackend;

/**
 * {@code aragora backup}: a consistent copy of every database while the server runs (SQLite's
 * online backup API; {@code pg_dump} on PostgreSQL) with a {@value BackupManifest#NAME} of
 * checksums, by default into {@code <data dir>/backups/<UTC time>}. {@code --compress} leaves one
 * {@code <UTC time>.tar.gz} instead; {@code --keep N} then deletes all but the newest N backups
 * of that directory (only entries named by a backup's time stamp).
 */
@Component(property = {Command.NAME + "=backup", Command.SUMMARY + "=" + BackupCommand.SUMMARY}, configurationPid = ServerDirs.PID)
public class BackupCommand implements Command {

    static final String SUMMARY = "copy every database consistently, also while serving:"
            + " backup [--to DIR | --into DIR] [--compress] [--keep N]";
    static final String ARCHIVE = ".tar.gz";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String STAMPED = "\\d{8}T\\d{6}Z(" + java.util.regex.Pattern.quote(ARCHIVE) + "("
            + java.util.regex.Pattern.quote(EncryptedArchive.SUFFIX) + ")?)?";
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("to", "into", "keep").flag("compress");

    private final StorageBackend backend;
    private final AuditLog audit;
    private final String dataDir;
    private final FieldEncryption encryption;

    public BackupCommand(StorageBackend backend, AuditLog audit, ServerDirs dirs) {
        this(backend, audit, dirs, null);
    }

    /**
     * @param encryption the running provider, or null: when it runs on a key the operator set, every
     *        backup is a sealed archive; under a development key generated into the state dir a
     *        sealed backup would be lost with that dir, so backups stay plain
     */
    @Activate
    public BackupCommand(@Reference StorageBackend backend,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit,
            ServerDirs dirs,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) FieldEncryption encryption) {
        this.backend = backend;
        this.audit = audit;
        this.dataDir = dirs.data_dir();
        this.encryption = dirs.encryption_key_configured() ? encryption : null;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path target;
        boolean compress;
        Optional<Integer> keep;
        try {
            CommandLine a = SYNTAX.parse(args);
            a.noPositional();
            if (a.has("to") && a.has("into")) {
                throw new UsageException("--to: give --to DIR (exactly there) or --into DIR (a time-stamped backup in it), not both");
            }
            // A backup leaves the host: with a key configured it is always a sealed archive.
            compress = a.has("compress") || encryption != null;
            keep = a.has("keep") ? Optional.of(a.integer("keep", 1, 1, 10_000)) : Optional.empty();
            Path parent = a.value("into").map(Path::of).orElseGet(() -> Path.of(dataDir).resolve("backups"));
            target = a.value("to").map(Path::of).orElseGet(() -> parent.resolve(STAMP.format(ZonedDateTime.now(ZoneOffset.UTC))));
            target = target.toAbsolutePath();
            if (keep.isPresent() && a.has("to")) {
                throw new UsageException("--keep: rotation works on time-stamped backups; use --into DIR (or the default) with it");
            }
        } catch (UsageException e) {
            err.println("aragora backup: " + e.getMessage());
            err.println("usage: aragora " + SUMMARY.substring(SUMMARY.indexOf("backup")));
            return USAGE;
        }
        try {
            List<Path> files = new ArrayList<>(backend.backup(target));
            BackupManifest manifest = BackupManifest.of(backend.name(), files);
            files.add(manifest.write(Files.createDirectories(target)));
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            Path result = target;
            if (compress) {
                result = target.resolveSibling(target.getFileName() + ARCHIVE);
                TarGz.write(result, files);
                for (Path f : files) {
                    Files.delete(f);
                }
                Files.delete(target);
                String sealedWith = "";
                if (encryption != null) {
                    Path sealed = result.resolveSibling(result.getFileName() + EncryptedArchive.SUFFIX);
                    sealedWith = ", encrypted with key " + EncryptedArchive.seal(result, sealed, encryption, target.getFileName().toString());
                    Files.delete(result);
                    result = sealed;
                }
                out.println(result + " (" + Files.size(result) + " bytes, " + manifest.files().size() + " databases, checksums in "
                        + BackupManifest.NAME + sealedWith + ")");
            } else {
                for (BackupManifest.Entry e : manifest.files()) {
                    out.println(target.resolve(e.name()) + " (" + e.bytes() + " bytes, sha256 " + e.sha256() + ")");
                }
            }
            err.println("backed up " + manifest.files().size() + " databases to " + result);
            if (keep.isPresent()) {
                for (Path old : rotate(result.getParent(), keep.get())) {
                    err.println("removed old backup " + old);
                }
            }
            OperatorAudit.record(audit, "storage.backup", result.toString(), "success",
                    Map.of("files", String.valueOf(manifest.files().size()), "bytes", String.valueOf(bytes)));
            return OK;
        } catch (UnsupportedOperationException e) {
            err.println("aragora backup: " + e.getMessage());
            return FAILED;
        } catch (IOException | RuntimeException e) {
            err.println("aragora backup: failed: " + e.getMessage());
            OperatorAudit.record(audit, "storage.backup", target.toString(), "failed", Map.of());
            return FAILED;
        }
    }

    /** Deletes all but the newest {@code keep} time-stamped backups in {@code dir}; returns what it deleted. */
    static List<Path> rotate(Path dir, int keep) throws IOException {
        List<Path> stamped = new ArrayList<>();
        try (var entries = Files.list(dir)) {
            entries.filter(p -> p.getFileName().toString().matches(STAMPED)).forEach(stamped::add);
        }
        stamped.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        List<Path> removed = new ArrayList<>();
        for (Path old : stamped.subList(Math.min(keep, stamped.size()), stamped.size())) {
            deleteTree(old);
            removed.add(old);
        }
        return removed;
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (Files.isDirectory(path)) {
            try (var children = Files.list(path)) {
                for (Path child : children.toList()) {
                    deleteTree(child);
                }
            }
        }
        Files.delete(path);
    }
}
