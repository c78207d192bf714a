package ai.aragora.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The irreplaceable tier: secrets generated on first start and reused on every later start.
 * The directory must belong to this process alone, so one that others may write is refused
 * rather than silently used.
 */
final class StateTier {

    private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> GROUP_OTHER_ANY = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path dir;
    private final SecureRandom random = new SecureRandom();
    private final Log log;

    private StateTier(Path dir, Log log) {
        this.dir = dir;
        this.log = log;
    }

    /** Creates the directory (mode 0700) if absent, then proves it is private and writable. */
    static StateTier open(Path dir, Log log) throws StartupException {
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                log.info("created state dir " + dir + " (mode 0700)");
            }
        } catch (FileAlreadyExistsException e) {
            throw new StartupException("state dir " + dir + " cannot be created: " + e.getFile() + " exists and is not a directory");
        } catch (IOException e) {
            throw new StartupException("state dir " + dir + " cannot be created: " + describe(e));
        }
        if (!Files.isDirectory(dir)) {
            throw new StartupException("state dir " + dir + " is not a directory");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir);
            if (perms.stream().anyMatch(GROUP_OTHER_WRITE::contains)) {
                throw new StartupException("state dir " + dir + " is writable by group or others (mode "
                        + mode(perms) + "); it holds secrets and signing keys: run 'chmod 700 " + dir + "'");
            }
        } catch (UnsupportedOperationException e) {
            throw new StartupException("state dir " + dir + " is on a file system without POSIX permissions");
        } catch (IOException e) {
            throw new StartupException("state dir " + dir + " cannot be inspected: " + describe(e));
        }
        // Permission bits do not stop root and do not reveal read-only mounts: try a real write.
        try {
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new StartupException("state dir " + dir + " is not writable: " + describe(e));
        }
        return new StateTier(dir, log);
    }

    Path dir() {
        return dir;
    }

    /**
     * The secret stored in {@code name}, generated (random, {@code bytes} long, URL-safe base64)
     * and written with mode 0600 on first use. The value is never logged, only where it lives.
     */
    String secret(String name, int bytes) throws StartupException {
        return obtain(name, bytes, raw -> Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                file -> log.info("generated " + name + " into " + file + " (mode 0600)"));
    }

    /**
     * Like {@link #secret}, hex-encoded, and generating it is a warning: whatever is encrypted with
     * such a key is lost with the file, so an operator must hear of it.
     */
    String key(String name, int bytes, String consequence) throws StartupException {
        return obtain(name, bytes, raw -> HexFormat.of().formatHex(raw),
                file -> log.warn("******** generated " + name + " into " + file + " (mode 0600): " + consequence + " ********"));
    }

    private String obtain(String name, int bytes, Function<byte[], String> encoding, Consumer<Path> generated)
            throws StartupException {
        Path file = dir.resolve(name);
        try {
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return read(file);
            }
            byte[] raw = new byte[bytes];
            random.nextBytes(raw);
            String value = encoding.apply(raw);
            write(file, value);
            generated.accept(file);
            return value;
        } catch (IOException e) {
            throw new StartupException("cannot store " + name + " in " + dir + ": " + describe(e));
        }
    }

    private String read(Path file) throws IOException, StartupException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new StartupException("state file " + file + " is not a regular file");
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.stream().anyMatch(GROUP_OTHER_ANY::contains)) {
            throw new StartupException("state file " + file + " is accessible to group or others (mode "
                    + mode(perms) + "): run 'chmod 600 " + file + "'");
        }
        String value = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            throw new StartupException("state file " + file + " is empty; delete it to have a new secret generated");
        }
        return value;
    }

    /** Written to a private temporary file first, so a crash never leaves a half-written secret. */
    private static void write(Path file, String value) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String mode(Set<PosixFilePermission> perms) {
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", mode);
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }
}
