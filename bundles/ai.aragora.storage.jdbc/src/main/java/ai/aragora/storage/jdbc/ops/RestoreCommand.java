package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
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
import ai.aragora.launcher.spi.DataDirLock;
import ai.aragora.launcher.spi.UsageException;

/**
 * {@code aragora restore --from FILE}: puts a backup of {@code aragora backup} (its directory or
 * its {@code .tar.gz}) back into the data dir. Everything is checked before anything is
 * replaced: the manifest, every file's size and SHA-256, that each database is a SQLite file.
 * It refuses while a server runs on the data dir (and a server refuses to start meanwhile); the
 * files it replaces are moved aside into {@code .pre-restore-<time>}, not deleted.
 */
@Component(property = {Command.NAME + "=restore", Command.SUMMARY + "=" + RestoreCommand.SUMMARY}, configurationPid = ServerDirs.PID)
public class RestoreCommand implements Command {

    static final String SUMMARY = "put a backup back into the stopped server's data dir: restore --from DIR|FILE.tar.gz[.enc]";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    /** Files SQLite keeps beside a database; those of the old database must not meet the restored one. */
    private static final List<String> WITH_SIDE_FILES = List.of("", "-wal", "-shm", "-journal");
    private static final CommandLine.Syntax SYNTAX = CommandLine.syntax().value("from");

    private final AuditLog audit;
    private final Path dataDir;
    private final FieldEncryption encryption;

    public RestoreCommand(AuditLog audit, ServerDirs dirs) {
        this(audit, dirs, null);
    }

    /** @param encryption the configured provider, or null: needed for a sealed backup only */
    @Activate
    public RestoreCommand(@Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) AuditLog audit,
            ServerDirs dirs,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY) FieldEncryption encryption) {
        this.audit = audit;
        this.dataDir = Path.of(dirs.data_dir()).toAbsolutePath();
        this.encryption = encryption;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Path from;
        try {
            CommandLine a = SYNTAX.parse(args);
            a.noPositional();
            from = Path.of(a.value("from").orElseThrow(() -> new UsageException("--from: restore needs the backup to restore")))
                    .toAbsolutePath();
        } catch (UsageException e) {
            err.println("aragora restore: " + e.getMessage());
            err.println("usage: aragora " + SUMMARY.substring(SUMMARY.indexOf("restore")));
            return USAGE;
        }
        if (!Files.exists(from)) {
            err.println("aragora restore: " + from + " does not exist");
            return FAILED;
        }
        Files.createDirectories(dataDir);
        Optional<DataDirLock> lock = DataDirLock.exclusive(dataDir);
        if (lock.isEmpty()) {
            err.println("aragora restore: a server is running on " + dataDir + "; stop it first (nothing was changed)");
            return FAILED;
        }
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        Path staging = dataDir.resolve(".restore-" + stamp);
        try (DataDirLock held = lock.get()) {
            BackupManifest manifest = stage(from, staging);
            Path aside = dataDir.resolve(".pre-restore-" + stamp);
            int moved = replace(manifest, staging, aside);
            out.println("restored " + manifest.files().size() + " databases from " + from + " (backup of " + manifest.createdAt() + ")");
            if (moved > 0) {
                out.println("the files it replaced are in " + aside);
            }
            OperatorAudit.record(audit, "storage.restore", from.toString(), "success",
                    Map.of("files", String.valueOf(manifest.files().size()), "backup_created_at", manifest.createdAt()));
            return OK;
        } catch (IOException e) {
            err.println("aragora restore: " + e.getMessage() + " (nothing was changed)");
            OperatorAudit.record(audit, "storage.restore", from.toString(), "refused", Map.of());
            return FAILED;
        } finally {
            BackupCommand.deleteTree(staging);
        }
    }

    /** Copies (or unpacks) the backup into {@code staging} and checks all of it there. */
    private BackupManifest stage(Path from, Path staging) throws IOException {
        Files.createDirectories(staging);
        if (!Files.isDirectory(from) && EncryptedArchive.isSealed(from)) {
            Path opened = staging.resolve(".opened.tar.gz");
            EncryptedArchive.open(from, opened, encryption);
            TarGz.extract(opened, staging);
            Files.delete(opened);
        } else if (Files.isDirectory(from)) {
            try (var files = Files.list(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, staging.resolve(f.getFileName()));
                }
            }
        } else {
            TarGz.extract(from, staging);
        }
        BackupManifest manifest = BackupManifest.read(staging);
        if (!"sqlite".equals(manifest.backend())) {
            throw new IOException("this is a backup of " + manifest.backend() + " storage: restore a PostgreSQL dump with"
                    + " pg_restore --clean -d \"$DATABASE_URL\" aragora.dump");
        }
        manifest.verify(staging);
        for (BackupManifest.Entry e : manifest.files()) {
            if (!isSqlite(staging.resolve(e.name()))) {
                throw new IOException("the backup is damaged: " + e.name() + " is not a SQLite database");
            }
        }
        return manifest;
    }

    /** Moves the current files (and their side files) aside, then the staged ones in; returns how many it moved aside. */
    private int replace(BackupManifest manifest, Path staging, Path aside) throws IOException {
        int moved = 0;
        for (BackupManifest.Entry e : manifest.files()) {
            for (String suffix : WITH_SIDE_FILES) {
                Path current = dataDir.resolve(e.name() + suffix);
                if (Files.exists(current)) {
                    Files.createDirectories(aside);
                    Files.move(current, aside.resolve(current.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    moved++;
                }
            }
        }
        for (BackupManifest.Entry e : manifest.files()) {
            Files.move(staging.resolve(e.name()), dataDir.resolve(e.name()), StandardCopyOption.ATOMIC_MOVE);
        }
        return moved;
    }

    private static boolean isSqlite(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_HEADER.length), SQLITE_HEADER);
        }
    }
}
