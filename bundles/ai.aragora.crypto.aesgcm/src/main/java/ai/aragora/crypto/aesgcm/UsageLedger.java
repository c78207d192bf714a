package ai.aragora.crypto.aesgcm;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;

import ai.aragora.api.crypto.EncryptionException;

/**
 * How many encryptions each key has done, kept in the state dir so that the limit holds across
 * restarts. Counts are reserved ahead in blocks of {@code reserve}: one file write per block,
 * and a crash forgets at most a block's worth of unused reservations, never counts one too few.
 * The file is locked while a block is taken, so two providers on one state dir (a version
 * starting beside the old one) take distinct blocks.
 */
final class UsageLedger {

    static final String FILE = "encryption_key_usage";

    /** Encryptions of one key: {@code used} so far, and this ledger's reserved block up to {@code end}. */
    private static final class Count {
        long used;
        long end;
        boolean warned;
    }

    private final Optional<Path> file;
    private final long limit;
    private final int reserve;
    private final BiConsumer<String, Long> nearLimit;
    private final Map<String, Count> counts = new HashMap<>();

    /**
     * @param stateDir where the counts live; empty counts in memory only (tests, tools)
     * @param nearLimit told once per key when its count reaches 80 % of the limit
     */
    UsageLedger(Optional<Path> stateDir, long limit, int reserve, BiConsumer<String, Long> nearLimit) {
        this.file = stateDir.map(d -> d.resolve(FILE));
        this.limit = limit;
        this.reserve = Math.max(1, reserve);
        this.nearLimit = nearLimit;
    }

    long limit() {
        return limit;
    }

    /**
     * Counts one encryption with {@code keyId}.
     *
     * @throws EncryptionException {@code KEY_EXHAUSTED} at the limit, {@code UNAVAILABLE} when the count cannot be kept
     */
    synchronized void count(String keyId) {
        Count c = counts.computeIfAbsent(keyId, k -> new Count());
        if (c.used >= c.end) {
            takeBlock(keyId, c);
        }
        if (c.used >= limit) {
            throw new EncryptionException(EncryptionException.Kind.KEY_EXHAUSTED, keyId, "encryption key " + keyId
                    + " reached its limit of " + limit + " encryptions: put a new key first in ARAGORA_ENCRYPTION_KEY");
        }
        c.used++;
        if (!c.warned && c.used * 5 >= limit * 4) {
            c.warned = true;
            nearLimit.accept(keyId, c.used);
        }
    }

    /**
     * What has been counted for {@code keyId}: by this ledger once it encrypted with the key,
     * otherwise where the file says counting resumes (-1 when the file cannot be read).
     */
    synchronized long used(String keyId) {
        Count c = counts.get(keyId);
        if (c != null || file.isEmpty()) {
            return c == null ? 0 : c.used;
        }
        try {
            return readStored(keyId);
        } catch (IOException e) {
            return -1;
        }
    }

    private void takeBlock(String keyId, Count c) {
        if (file.isEmpty()) {
            c.end = c.used + reserve;
            return;
        }
        try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
            Files.setPosixFilePermissions(file.get(), PosixFilePermissions.fromString("rw-------"));
            Properties stored = read(channel);
            long from = Math.max(c.used, parse(stored.getProperty(keyId)));
            c.used = from;
            c.end = from + reserve;
            stored.setProperty(keyId, Long.toString(c.end));
            write(channel, stored);
        } catch (IOException e) {
            throw new EncryptionException(EncryptionException.Kind.UNAVAILABLE, keyId,
                    "the encryption count of key " + keyId + " cannot be kept in " + file.get() + ": " + e.getClass().getSimpleName());
        }
        if (!c.warned && c.used * 5 >= limit * 4) {
            c.warned = true;
            nearLimit.accept(keyId, c.used);
        }
    }

    private long readStored(String keyId) throws IOException {
        if (!Files.exists(file.get())) {
            return 0;
        }
        Properties stored = new Properties();
        stored.load(new StringReader(Files.readString(file.get(), StandardCharsets.UTF_8)));
        return parse(stored.getProperty(keyId));
    }

    private static Properties read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 1 << 20));
        channel.read(buffer, 0);
        Properties stored = new Properties();
        stored.load(new StringReader(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8)));
        return stored;
    }

    private static void write(FileChannel channel, Properties stored) throws IOException {
        StringWriter text = new StringWriter();
        stored.store(text, "encryptions counted per key id; a restart continues from here");
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
    }

    /** A damaged count is an error: reading it as zero would let a key past its limit. */
    private static long parse(String value) throws IOException {
        if (value == null) {
            return 0;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("a count in " + FILE + " is not a number");
    }
}
