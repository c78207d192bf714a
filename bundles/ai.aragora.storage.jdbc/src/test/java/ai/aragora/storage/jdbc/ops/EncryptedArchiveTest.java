package ai.aragora.storage.jdbc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Arrays;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.storage.jdbc.TestEncryption;


class EncryptedArchiveTest {

    @TempDir
    Path dir;

    private final TestEncryption provider = new TestEncryption("k1");

    private Path plain(int bytes) throws IOException {
        byte[] data = new byte[bytes];
        new SecureRandom().nextBytes(data);
        return Files.write(dir.resolve("b.tar.gz"), data);
    }

    @Test
    void sealsInSegmentsAndOpensToTheSameBytesOnlyWithTheKey() throws IOException {
        Path plain = plain(EncryptedArchive.SEGMENT * 2 + 12345);
        Path sealed = dir.resolve("b.tar.gz.enc");
        assertThat(EncryptedArchive.seal(plain, sealed, provider, "20261206T023000Z")).isEqualTo("k1");
        assertThat(EncryptedArchive.isSealed(sealed)).isTrue();
        assertThat(EncryptedArchive.isSealed(plain)).isFalse();
        byte[] original = Files.readAllBytes(plain);
        assertThat(new String(Files.readAllBytes(sealed), StandardCharsets.ISO_8859_1))
                .as("no plaintext run").doesNotContain(new String(Arrays.copyOf(original, 64), StandardCharsets.ISO_8859_1));

        Path opened = dir.resolve("opened");
        EncryptedArchive.open(sealed, opened, provider);
        assertThat(Files.readAllBytes(opened)).isEqualTo(original);

        assertThatThrownBy(() -> EncryptedArchive.open(sealed, dir.resolve("x"), new TestEncryption("k2")))
                .isInstanceOf(IOException.class).hasMessageContaining("data key cannot be opened").hasMessageContaining("k1");
        assertThatThrownBy(() -> EncryptedArchive.open(sealed, dir.resolve("y"), null))
                .isInstanceOf(IOException.class).hasMessageContaining("encrypted with key 'k1'").hasMessageContaining("ARAGORA_ENCRYPTION_KEY");
    }

    @Test
    void anAlteredOrTruncatedArchiveDoesNotOpen() throws IOException {
        Path sealed = dir.resolve("b.tar.gz.enc");
        EncryptedArchive.seal(plain(EncryptedArchive.SEGMENT + 10), sealed, provider, "20261206T023000Z");
        byte[] whole = Files.readAllBytes(sealed);

        Path flipped = Files.write(dir.resolve("flipped.enc"), whole);
        try (FileChannel c = FileChannel.open(flipped, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            c.read(b, whole.length - 100);
            c.write(ByteBuffer.wrap(new byte[] {(byte) (b.get(0) ^ 1)}), whole.length - 100);
        }
        assertThatThrownBy(() -> EncryptedArchive.open(flipped, dir.resolve("o1"), provider))
                .isInstanceOf(IOException.class).hasMessageContaining("does not authenticate");

        // The last segment dropped: the one before it was not sealed as the last.
        int lastSegment = 4 + 10 + 16;
        Path shortened = Files.write(dir.resolve("short.enc"), Arrays.copyOf(whole, whole.length - lastSegment));
        assertThatThrownBy(() -> EncryptedArchive.open(shortened, dir.resolve("o2"), provider))
                .isInstanceOf(IOException.class).hasMessageContaining("does not authenticate");

        Path cut = Files.write(dir.resolve("cut.enc"), Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> EncryptedArchive.open(cut, dir.resolve("o3"), provider))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }
}
