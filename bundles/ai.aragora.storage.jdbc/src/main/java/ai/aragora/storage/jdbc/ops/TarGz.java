package ai.aragora.storage.jdbc.ops;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The little of tar a backup needs: regular files of one flat directory in a gzip-compressed
 * POSIX ustar archive, readable by {@code tar xzf}. Reading checks every header's checksum and
 * takes only plain names, so a foreign or damaged file fails here, before anything is replaced.
 */
final class TarGz {

    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Writes {@code archive}, readable by its owner only: it holds every database. */
    static void write(Path archive, List<Path> files) throws IOException {
        if (archive.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(archive, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        }
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive), 1 << 16)) {
            for (Path file : files) {
                long size = Files.size(file);
                out.write(header(file.getFileName().toString(), size, Files.getLastModifiedTime(file).toMillis() / 1000));
                Files.copy(file, out);
                int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
                out.write(new byte[pad]);
            }
            out.write(new byte[2 * BLOCK]);
        }
    }

    /** Unpacks into {@code dir} (which must exist); returns the files in archive order. */
    static List<Path> extract(Path archive, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            while (true) {
                readFully(in, header);
                if (allZero(header)) {
                    return files;
                }
                verifyChecksum(header);
                String name = text(header, 0, 100);
                if (!name.matches("[A-Za-z0-9._-]{1,99}") || name.startsWith(".") || (header[156] != '0' && header[156] != 0)) {
                    throw new IOException("not an Aragora backup: it holds '" + name.replaceAll("[^ -~]", "?") + "', not a plain file name");
                }
                long size = Long.parseLong(text(header, 124, 12).trim(), 8);
                Path target = dir.resolve(name);
                try (OutputStream out = Files.newOutputStream(target)) {
                    copy(in, out, size);
                }
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
                files.add(target);
            }
        } catch (NumberFormatException e) {
            throw new IOException("not an Aragora backup: a tar header's size is not a number");
        } catch (EOFException e) {
            throw new IOException("the backup is truncated");
        } catch (java.util.zip.ZipException e) {
            throw new IOException("not an Aragora backup: it is neither a backup directory nor a .tar.gz (" + e.getMessage() + ")");
        }
    }

    private static byte[] header(String name, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name, 100);
        put(h, 100, "0000600", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", size), 12);
        put(h, 136, String.format("%011o", mtime), 12);
        Arrays.fill(h, 148, 156, (byte) ' ');
        h[156] = '0';
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        put(h, 148, String.format("%06o", checksum(h)), 7);
        return h;
    }

    private static void verifyChecksum(byte[] h) throws IOException {
        String stored = text(h, 148, 8).trim();
        byte[] copy = h.clone();
        Arrays.fill(copy, 148, 156, (byte) ' ');
        try {
            if (stored.isEmpty() || Long.parseLong(stored, 8) != checksum(copy)) {
                throw new IOException("not an Aragora backup, or a damaged one: a tar header's checksum does not match");
            }
        } catch (NumberFormatException e) {
            throw new IOException("not an Aragora backup: a tar header's checksum is not a number");
        }
    }

    private static long checksum(byte[] h) {
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        return sum;
    }

    private static void put(byte[] h, int at, String value, int width) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, Math.min(bytes.length, width));
    }

    private static String text(byte[] h, int at, int width) {
        int end = at;
        while (end < at + width && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.US_ASCII);
    }

    private static boolean allZero(byte[] h) {
        for (byte b : h) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static void readFully(InputStream in, byte[] buffer) throws IOException {
        int n = in.readNBytes(buffer, 0, buffer.length);
        if (n != buffer.length) {
            throw new EOFException();
        }
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
