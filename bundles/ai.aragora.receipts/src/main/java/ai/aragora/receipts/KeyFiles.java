package ai.aragora.receipts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Key files on disk: private ones written 0600 atomically, and refused when others may write them. */
final class KeyFiles {

    private static final Set<PosixFilePermission> GROUP_OTHER_WRITE =
            EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> GROUP_OTHER_READ =
            EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private KeyFiles() {
    }

    /**
     * Reads a private key file after checking it. One that group or others can write is refused:
     * whoever can replace it can make this server sign with their key.
     *
     * @return the file's text; a readable-by-others file is reported through {@code warn}
     */
    static String readPrivate(Path file, java.util.function.Consumer<String> warn) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyFileException("signing key file " + file + " is missing or not a regular file");
        }
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException e) {
            throw new KeyFileException("signing key file " + file + " is on a file system without POSIX permissions");
        }
        if (perms.stream().anyMatch(GROUP_OTHER_WRITE::contains)) {
            throw new KeyFileException("signing key file " + file + " is writable by group or others (mode "
                    + mode(perms) + "): run 'chmod 600 " + file + "'");
        }
        if (perms.stream().anyMatch(GROUP_OTHER_READ::contains)) {
            warn.accept("signing key file " + file + " is readable by group or others (mode " + mode(perms)
                    + "); 'chmod 600 " + file + "' keeps it private");
        }
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    /** Writes through a private temporary file and an atomic move, so no reader sees half a key. */
    static void writePrivate(Path file, String text) throws IOException {
        write(file, text, "rw-------");
    }

    static void writePublic(Path file, String text) throws IOException {
        write(file, text, "rw-r--r--");
    }

    static void createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static void write(Path file, String text, String mode) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, text, StandardCharsets.US_ASCII, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
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

    /** A key file that must not be used; the message names the file, never its content. */
    static final class KeyFileException extends IOException {
        private static final long serialVersionUID = 1L;

        KeyFileException(String message) {
            super(message);
        }
    }
}
