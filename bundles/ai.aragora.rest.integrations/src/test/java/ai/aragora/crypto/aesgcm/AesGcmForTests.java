package ai.aragora.crypto.aesgcm;

import java.util.Optional;

import ai.aragora.api.crypto.FieldEncryption;

/** The AES-GCM provider outside the framework, counting in memory. */
public final class AesGcmForTests {

    private AesGcmForTests() {
    }

    /** @param hexKeys 64 hex characters each, the active key first */
    public static FieldEncryption provider(String... hexKeys) {
        return new AesGcmFieldEncryption(KeyRing.of(hexKeys), new UsageLedger(Optional.empty(), 1_000_000_000L, 10_000, (id, n) -> { }));
    }
}
