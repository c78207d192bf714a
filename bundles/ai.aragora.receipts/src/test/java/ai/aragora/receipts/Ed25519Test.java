package ai.aragora.receipts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;

import org.junit.jupiter.api.Test;

class Ed25519Test {

    private final KeyPair pair = Ed25519.generate();
    private final byte[] message = "{\"odr_digest\":\"abc\"}".getBytes(StandardCharsets.UTF_8);

    /** Ed25519 is deterministic: the fast signer must produce the JDK's bytes exactly. */
    @Test
    void signaturesAreTheJdksBytes() throws Exception {
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(message);
        assertThat(new Ed25519.SigningKey(pair.getPrivate()).sign(message)).isEqualTo(jdk.sign());
    }

    @Test
    void theDerivedPublicKeyIsTheGeneratedOne() {
        assertThat(Ed25519.pairOf(pair.getPrivate()).getPublic().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void verificationRejectsAnyChange() {
        byte[] signature = Ed25519.sign(pair.getPrivate(), message);
        assertThat(Ed25519.verify(pair.getPublic(), message, signature)).isTrue();
        byte[] tampered = message.clone();
        tampered[3] ^= 1;
        assertThat(Ed25519.verify(pair.getPublic(), tampered, signature)).isFalse();
        signature[10] ^= 1;
        assertThat(Ed25519.verify(pair.getPublic(), message, signature)).isFalse();
        assertThat(Ed25519.verify(Ed25519.generate().getPublic(), message, Ed25519.sign(pair.getPrivate(), message))).isFalse();
        assertThat(Ed25519.verify(pair.getPublic(), message, new byte[63])).isFalse();
    }
}
