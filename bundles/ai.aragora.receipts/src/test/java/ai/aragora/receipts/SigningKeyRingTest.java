package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.ReceiptException;

class SigningKeyRingTest {

    @TempDir
    Path state;

    private final List<String> log = new ArrayList<>();
    private final SigningKeyRing.Log events = new SigningKeyRing.Log() {
        @Override
        public void info(String message) {
            log.add(message);
        }

        @Override
        public void warn(String message) {
            log.add(message);
        }
    };

    @Test
    void generatesAPrivatePkcs8KeyOnFirstStartAndReusesIt() throws IOException {
        SigningKeyRing first = ring(Optional.empty());
        Path file = state.resolve(SigningKeyRing.PRIVATE_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(log).noneMatch(line -> line.contains("PRIVATE KEY"));
        SigningKeyRing second = ring(Optional.empty());
        assertThat(second.active().keyId()).isEqualTo(first.active().keyId());
        assertThat(second.active().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
    }

    @Test
    void refusesAKeyFileOthersCanWrite() throws IOException {
        Path file = writeKey("rw-rw----");
        SigningKeyRing ring = ring(Optional.of(file));
        assertThatThrownBy(ring::active).isInstanceOf(ReceiptException.class).hasMessageContaining("writable by group or others");
        assertThatThrownBy(ring::signer).isInstanceOf(ReceiptException.class);
        Path worldWritable = writeKey("rw----rw-");
        assertThatThrownBy(() -> ring(Optional.of(worldWritable)).active()).hasMessageContaining("chmod 600");
    }

    @Test
    void refusesAGeneratedKeyFileThatBecameGroupWritable() throws IOException {
        ring(Optional.empty());
        Files.setPosixFilePermissions(state.resolve(SigningKeyRing.PRIVATE_FILE), PosixFilePermissions.fromString("rw-rw-r--"));
        assertThatThrownBy(() -> ring(Optional.empty()).active()).isInstanceOf(ReceiptException.class);
    }

    @Test
    void usesAConfiguredKeyAndWarnsWhenOthersCanReadIt() throws IOException {
        KeyPair pair = Ed25519.generate();
        Path file = state.resolve("operator.pem");
        Files.writeString(file, Ed25519.privatePem(pair.getPrivate()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SigningKeyRing ring = ring(Optional.of(file));
        assertThat(ring.active().keyId()).isEqualTo(Ed25519.keyId(pair.getPublic()));
        assertThat(log).anyMatch(line -> line.contains("readable by group or others"));
        assertThatThrownBy(ring::rotate).isInstanceOf(ReceiptException.class).hasMessageContaining("replacing that file");
    }

    @Test
    void aMissingOrGarbledConfiguredKeyFailsClosedWithoutQuotingIt() throws IOException {
        assertThatThrownBy(() -> ring(Optional.of(state.resolve("absent.pem"))).active()).hasMessageContaining("missing");
        Path garbled = state.resolve("garbled.pem");
        Files.writeString(garbled, "-----BEGIN PRIVATE KEY-----\nc2VjcmV0IHNlY3JldA==\n-----END PRIVATE KEY-----\n");
        Files.setPosixFilePermissions(garbled, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> ring(Optional.of(garbled)).active()).hasMessageNotContaining("c2VjcmV0");
    }

    @Test
    void rotationSignsWithTheNewKeyAndKeepsTheOldPublished() {
        SigningKeyRing ring = ring(Optional.empty());
        String old = ring.active().keyId();
        PublicSigningKey next = ring.rotate();
        assertThat(next.keyId()).isNotEqualTo(old);
        assertThat(ring.signer().keyId()).isEqualTo(next.keyId());
        assertThat(ring.published()).extracting(PublicSigningKey::keyId).containsExactly(next.keyId(), old);
        assertThat(ring.published().get(0).active()).isTrue();
        assertThat(ring.published().get(1).active()).isFalse();
        SigningKeyRing restarted = ring(Optional.empty());
        assertThat(restarted.active().keyId()).isEqualTo(next.keyId());
        assertThat(restarted.published()).extracting(PublicSigningKey::keyId).contains(old);
    }

    @Test
    void thePublicKeyIsDerivedFromThePrivateKeyAlone() {
        KeyPair pair = Ed25519.generate();
        KeyPair derived = Ed25519.pairOf(Ed25519.privateKey(Ed25519.privatePem(pair.getPrivate())));
        assertThat(derived.getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void withoutAStateDirNothingIsSigned() {
        SigningKeyRing ring = new SigningKeyRing(Optional.empty(), Optional.empty(), events);
        assertThatThrownBy(ring::signer).hasMessageContaining("no state dir");
    }

    private SigningKeyRing ring(Optional<Path> keyFile) {
        return new SigningKeyRing(Optional.of(state), keyFile, events);
    }

    private Path writeKey(String mode) throws IOException {
        Path file = Files.createTempFile(state, "key", ".pem");
        Files.writeString(file, Ed25519.privatePem(Ed25519.generate().getPrivate()), StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
