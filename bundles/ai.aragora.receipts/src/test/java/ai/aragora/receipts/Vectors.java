package ai.aragora.receipts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The shared ODR test vectors, copied verbatim into the test resources. */
final class Vectors {

    static final String SIGNED = "example-signed.odr.json";
    static final String SIGNED_KEY = "example-signed.pubkey.pem";
    static final String BLOCKED = "example-blocked.odr.json";
    static final String DEMO_V02 = "pr-1-5cf4f6ceca72.odr.json";
    static final String DEMO_KEY = "odr-signing-key.pub.pem";
    static final String CHAIN_ANCHORED = "example-chain-anchored.jsonl";
    static final String CHAIN_NOT_ANCHORED = "example-chain-not-anchored.jsonl";
    static final String CHAIN_BROKEN = "example-chain-broken-links.jsonl";

    private Vectors() {
    }

    static String read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/odr/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no vector " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
