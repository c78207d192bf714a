package ai.aragora.storage.jdbc.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What a backup holds, written beside its files as {@value #NAME}: the format, the backend,
 * when, and each file with its size and SHA-256. A restore believes nothing it cannot check here.
 */
record BackupManifest(String format, String backend, @JsonProperty("created_at") String createdAt, List<Entry> files) {

    static final String NAME = "manifest.json";
    static final String FORMAT = "aragora-backup/1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    record Entry(String name, long bytes, String sha256) {
    }

    static BackupManifest of(String backend, List<Path> files) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Path f : files) {
            entries.add(new Entry(f.getFileName().toString(), Files.size(f), sha256(f)));
        }
        return new BackupManifest(FORMAT, backend, Instant.now().toString(), List.copyOf(entries));
    }

    Path write(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        JSON.writeValue(file.toFile(), this);
        return file;
    }

    static BackupManifest read(Path dir) throws IOException {
        Path file = dir.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            throw new IOException("not an Aragora backup: it has no " + NAME);
        }
        BackupManifest m;
        try {
            m = JSON.readValue(file.toFile(), BackupManifest.class);
        } catch (IOException e) {
            throw new IOException("not an Aragora backup: its " + NAME + " is not a manifest");
        }
        if (!FORMAT.equals(m.format()) || m.files() == null || m.files().isEmpty()) {
            throw new IOException("not an Aragora backup: its " + NAME + " is not of format " + FORMAT);
        }
        return m;
    }

    /** Every listed file is present in {@code dir} with its size and checksum; throws naming the first that is not. */
    void verify(Path dir) throws IOException {
        for (Entry e : files) {
            if (e.name() == null || !e.name().matches("[A-Za-z0-9._-]{1,99}") || e.name().startsWith(".")) {
                throw new IOException("not an Aragora backup: the manifest names a file outside the backup");
            }
            Path f = dir.resolve(e.name());
            if (!Files.isRegularFile(f)) {
                throw new IOException("the backup is incomplete: " + e.name() + " is missing");
            }
            if (Files.size(f) != e.bytes() || !sha256(f).equals(e.sha256())) {
                throw new IOException("the backup is damaged: " + e.name() + " does not match its checksum");
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                md.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
