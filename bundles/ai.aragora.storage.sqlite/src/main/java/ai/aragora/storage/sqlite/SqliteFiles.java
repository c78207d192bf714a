package ai.aragora.storage.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import ai.aragora.storage.jdbc.StorageBackend.Check;
import ai.aragora.storage.jdbc.StorageException;

/**
 * Operations on the database files of a data dir: every {@code *.db} there, not only this
 * bundle's stores (workflows.db, knowledge_mound.db are other bundles' and are covered too).
 */
final class SqliteFiles {

    private static final List<String> SIDE_FILES = List.of("-wal", "-shm", "-journal");

    private SqliteFiles() {
    }

    static List<Path> databases(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dataDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".db") && Files.isRegularFile(p)).sorted().toList();
        }
    }

    static List<Check> integrity(Path dataDir) {
        List<Check> checks = new ArrayList<>();
        try {
            for (Path file : databases(dataDir)) {
                checks.add(check(file));
            }
        } catch (IOException e) {
            checks.add(new Check(dataDir.toString(), false, "cannot be listed: " + e.getClass().getSimpleName()));
        }
        return checks;
    }

    /** {@code PRAGMA integrity_check} on a connection of its own (it reads a consistent snapshot under WAL). */
    static Check check(Path file) {
        try (Connection c = open(file); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
            boolean ok = lines.size() == 1 && lines.get(0).equals("ok");
            return new Check(file.toString(), ok, ok ? "integrity_check ok" : String.join("; ", lines.subList(0, Math.min(10, lines.size()))));
        } catch (SQLException e) {
            return new Check(file.toString(), false, "cannot be checked: " + e.getMessage());
        }
    }

    /**
     * SQLite's online backup API, page by page from a read snapshot: consistent while the server
     * writes. Each copy is synced and checked before it counts.
     */
    static List<Path> backup(Path dataDir, Path target) throws IOException {
        Files.createDirectories(target);
        List<Path> written = new ArrayList<>();
        for (Path file : databases(dataDir)) {
            Path copy = target.resolve(file.getFileName());
            if (Files.exists(copy)) {
                throw new IOException(copy + " exists; back up into a new directory");
            }
            Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Connection c = open(file)) {
                c.unwrap(SQLiteConnection.class).getDatabase().backup("main", copy.toString(), null);
            } catch (SQLException e) {
                throw new IOException(file.getFileName() + " cannot be backed up: " + e.getMessage(), e);
            }
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Check check = check(copy);
            if (!check.ok()) {
                throw new StorageException("the backup of " + file.getFileName() + " fails its integrity check: " + check.detail());
            }
            written.add(copy);
        }
        return written;
    }

    /** WAL, SHM and journal files whose database is gone: never the databases themselves. */
    static List<Path> orphans(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> list = Files.list(dataDir)) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                for (String suffix : SIDE_FILES) {
                    if (name.endsWith(".db" + suffix) && !Files.exists(p.resolveSibling(name.substring(0, name.length() - suffix.length())))) {
                        out.add(p);
                    }
                }
            }
        }
        return out;
    }

    /** A plain connection: it must not change the file's settings (journal mode) while looking at it. */
    private static Connection open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds.getConnection();
    }
}
