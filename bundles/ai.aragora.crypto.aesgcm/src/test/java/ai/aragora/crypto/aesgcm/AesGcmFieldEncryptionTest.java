package ai.aragora.crypto.aesgcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.EncryptionException.Kind;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;

class AesGcmFieldEncryptionTest {

    static final String KEY_A = "a1".repeat(32);
    static final String KEY_B = "b2".repeat(32);
    private static final String SECRET = "xoxb-very-secret-token";
    private static final FieldContext SLACK = new FieldContext("integrations", "org1/slack", "bot_token");

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private AesGcmFieldEncryption provider(String... keys) {
        return new AesGcmFieldEncryption(KeyRing.of(keys), new UsageLedger(Optional.of(tmp), 1_000_000, 100,
                (id, used) -> warnings.add(id + ":" + used)));
    }

    private static EncryptionException failure(Runnable r) {
        try {
            r.run();
        } catch (EncryptionException e) {
            return e;
        }
        throw new AssertionError("no EncryptionException");
    }

    @Test
    void sealsWithTheActiveKeyAndOpensWithAnyConfiguredOne() {
        AesGcmFieldEncryption old = provider(KEY_A);
        Envelope underA = old.encrypt(SECRET, SLACK);
        AesGcmFieldEncryption rotated = provider(KEY_B, KEY_A);

        Envelope underB = rotated.encrypt(SECRET, SLACK);
        assertThat(underB.keyId()).isEqualTo(rotated.activeKeyId()).isNotEqualTo(underA.keyId());
        assertThat(rotated.decryptionKeyIds()).containsExactly(underB.keyId(), underA.keyId());
        assertThat(rotated.decrypt(underA, SLACK)).isEqualTo(SECRET);
        assertThat(rotated.decrypt(underB, SLACK)).isEqualTo(SECRET);
        assertThat(underB.nonce()).hasSize(12);
        assertThat(underB.ciphertext()).hasSize(SECRET.length() + 16);
        assertThat(underB.algorithm()).isEqualTo("AES-256-GCM");
    }

    @Test
    void theStoredFormCarriesTheMarkerAndRoundTrips() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Map<String, Object> stored = p.encrypt(SECRET, SLACK).toMap();
        assertThat(stored).containsEntry("_encrypted", true).containsKeys("v", "alg", "kid", "nonce", "ct");
        assertThat(stored.toString()).doesNotContain(SECRET).doesNotContain(KEY_A);
        assertThat(p.decrypt(Envelope.from(stored).orElseThrow(), SLACK)).isEqualTo(SECRET);
        assertThat(Envelope.from("plain text written before encryption")).isEmpty();
    }

    @Test
    void noncesNeverRepeat() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            assertThat(nonces.add(java.util.HexFormat.of().formatHex(p.encrypt(SECRET, SLACK).nonce()))).isTrue();
        }
    }

    @Test
    void aTamperedCiphertextOrNonceIsAnErrorNeverGarbage() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Envelope e = p.encrypt(SECRET, SLACK);
        byte[] ct = e.ciphertext();
        ct[3] ^= 1;
        EncryptionException tampered = failure(() -> p.decrypt(new Envelope(1, e.algorithm(), e.keyId(), e.nonce(), ct), SLACK));
        assertThat(tampered.kind()).isEqualTo(Kind.TAMPERED);
        assertThat(tampered.getMessage()).contains(e.keyId(), "bot_token").doesNotContain(SECRET);
        byte[] nonce = e.nonce();
        nonce[0] ^= 1;
        assertThat(failure(() -> p.decrypt(new Envelope(1, e.algorithm(), e.keyId(), nonce, e.ciphertext()), SLACK)).kind())
                .isEqualTo(Kind.TAMPERED);
        assertThat(p.metrics().errors.labels("decrypt", "tampered").get()).isEqualTo(2.0);
    }

    @Test
    void aFieldMovedToAnotherRecordOrFieldDoesNotOpen() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Envelope ofOrg1 = p.encrypt(SECRET, SLACK);
        assertThat(failure(() -> p.decrypt(ofOrg1, new FieldContext("integrations", "org2/slack", "bot_token"))).kind())
                .isEqualTo(Kind.TAMPERED);
        assertThat(failure(() -> p.decrypt(ofOrg1, new FieldContext("integrations", "org1/slack", "signing_secret"))).kind())
                .isEqualTo(Kind.TAMPERED);
        assertThat(failure(() -> p.decrypt(ofOrg1, new FieldContext("webhooks", "org1/slack", "bot_token"))).kind())
                .isEqualTo(Kind.TAMPERED);
    }

    @Test
    void aTruncatedEnvelopeIsMalformed() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Envelope e = p.encrypt(SECRET, SLACK);
        byte[] shortCt = java.util.Arrays.copyOf(e.ciphertext(), 10);
        assertThat(failure(() -> p.decrypt(new Envelope(1, e.algorithm(), e.keyId(), e.nonce(), shortCt), SLACK)).kind())
                .isEqualTo(Kind.MALFORMED);
        byte[] tagCut = java.util.Arrays.copyOf(e.ciphertext(), e.ciphertext().length - 1);
        assertThat(failure(() -> p.decrypt(new Envelope(1, e.algorithm(), e.keyId(), e.nonce(), tagCut), SLACK)).kind())
                .isEqualTo(Kind.TAMPERED);
        Map<String, Object> stored = new java.util.LinkedHashMap<>(e.toMap());
        stored.remove("ct");
        assertThatThrownBy(() -> Envelope.from(stored)).isInstanceOf(EncryptionException.class)
                .satisfies(x -> assertThat(((EncryptionException) x).kind()).isEqualTo(Kind.MALFORMED));
    }

    @Test
    void theWrongKeyIsTamperedAndAnUnconfiguredKeyIsNamed() {
        AesGcmFieldEncryption both = provider(KEY_A, KEY_B);
        Envelope e = both.encrypt(SECRET, SLACK);
        String otherId = both.decryptionKeyIds().get(1);
        assertThat(failure(() -> both.decrypt(new Envelope(1, e.algorithm(), otherId, e.nonce(), e.ciphertext()), SLACK)).kind())
                .isEqualTo(Kind.TAMPERED);

        AesGcmFieldEncryption withoutA = provider(KEY_B);
        EncryptionException unknown = failure(() -> withoutA.decrypt(e, SLACK));
        assertThat(unknown.kind()).isEqualTo(Kind.UNKNOWN_KEY);
        assertThat(unknown.keyId()).contains(e.keyId());
        assertThat(unknown.getMessage()).contains(e.keyId(), "ARAGORA_ENCRYPTION_KEY").doesNotContain(KEY_A).doesNotContain(KEY_B);
        assertThat(failure(() -> withoutA.decrypt(new Envelope(1, "XChaCha20", e.keyId(), e.nonce(), e.ciphertext()), SLACK))
                .kind()).isEqualTo(Kind.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void keyIdsDependOnTheKeyOnly() {
        assertThat(provider(KEY_A).activeKeyId()).isEqualTo(provider(KEY_A, KEY_B).activeKeyId()).matches("k[0-9a-f]{16}");
        assertThat(provider(KEY_A).activeKeyId()).isNotEqualTo(provider(KEY_B).activeKeyId());
    }

    @Test
    void malformedConfiguredKeysNameTheirPositionNotTheirValue() {
        String bad = "c3".repeat(31) + "zz";
        assertThatThrownBy(() -> KeyRing.of(new String[] {KEY_A, bad})).hasMessageContaining("key 2 of 2").hasMessageNotContaining("c3c3");
        assertThatThrownBy(() -> KeyRing.of(new String[0])).hasMessageContaining("ARAGORA_ENCRYPTION_KEY");
    }

    @Test
    void theLimitRefusesNewEncryptionsWarnsAt80PercentAndSurvivesARestart() throws Exception {
        UsageLedger ledger = new UsageLedger(Optional.of(tmp), 10, 3, (id, used) -> warnings.add(id + ":" + used));
        AesGcmFieldEncryption p = new AesGcmFieldEncryption(KeyRing.of(new String[] {KEY_A}), ledger);
        for (int i = 0; i < 5; i++) {
            p.encrypt(SECRET, SLACK);
        }
        assertThat(p.usage().get(0).encryptions()).isEqualTo(5);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve(UsageLedger.FILE)))).isEqualTo("rw-------");
        assertThat(Files.readString(tmp.resolve(UsageLedger.FILE))).doesNotContain(KEY_A);

        // a restart resumes from the reserved block (6), never from zero
        UsageLedger restarted = new UsageLedger(Optional.of(tmp), 10, 3, (id, used) -> warnings.add(id + ":" + used));
        AesGcmFieldEncryption again = new AesGcmFieldEncryption(KeyRing.of(new String[] {KEY_A}), restarted);
        assertThat(again.usage().get(0).encryptions()).isEqualTo(6);
        again.encrypt(SECRET, SLACK);
        again.encrypt(SECRET, SLACK);
        assertThat(warnings).containsExactly(again.activeKeyId() + ":8");
        again.encrypt(SECRET, SLACK);
        again.encrypt(SECRET, SLACK);
        EncryptionException exhausted = failure(() -> again.encrypt(SECRET, SLACK));
        assertThat(exhausted.kind()).isEqualTo(Kind.KEY_EXHAUSTED);
        assertThat(exhausted.getMessage()).contains(again.activeKeyId(), "limit of 10");
        assertThat(again.metrics().errors.labels("encrypt", "key_exhausted").get()).isEqualTo(1.0);
        assertThat(warnings).hasSize(1);

        // a new active key encrypts; the old one still decrypts
        AesGcmFieldEncryption rotated = new AesGcmFieldEncryption(KeyRing.of(new String[] {KEY_B, KEY_A}),
                new UsageLedger(Optional.of(tmp), 10, 3, (id, used) -> { }));
        Envelope fresh = rotated.encrypt(SECRET, SLACK);
        assertThat(rotated.decrypt(fresh, SLACK)).isEqualTo(SECRET);
    }

    @Test
    void aDamagedUsageFileRefusesToEncryptRatherThanCountFromZero() throws Exception {
        Files.writeString(tmp.resolve(UsageLedger.FILE), KeyRing.of(new String[] {KEY_A}).active().id() + "=lots\n");
        AesGcmFieldEncryption p = provider(KEY_A);
        assertThat(failure(() -> p.encrypt(SECRET, SLACK)).kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void operationsAreCountedByStore() {
        AesGcmFieldEncryption p = provider(KEY_A);
        Envelope e = p.encrypt(SECRET, SLACK);
        p.decrypt(e, SLACK);
        p.decrypt(e, SLACK);
        assertThat(p.metrics().operations.labels("encrypt", "integrations").get()).isEqualTo(1.0);
        assertThat(p.metrics().operations.labels("decrypt", "integrations").get()).isEqualTo(2.0);
        assertThat(p.metrics().latency.labels("decrypt").get().buckets[p.metrics().latency.labels("decrypt").get().buckets.length - 1]).isEqualTo(2.0);
    }
}
