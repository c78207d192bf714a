package ai.aragora.receipts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Ed25519: keys and PEM with the JDK's EdDSA, signing and verifying with Bouncy Castle's; key ids. */
final class Ed25519 {

    static final String ALGORITHM = "Ed25519";
    static final int SIGNATURE_LENGTH = 64;

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * Verifiers see the same few published keys over and over: their parsed and decoded forms are
     * kept (a handful per key rotation; the maps are emptied should they ever grow past a bound).
     */
    private static final int KEY_CACHE = 256;
    private static final Map<String, PublicKey> PARSED_KEYS = new ConcurrentHashMap<>();
    private static final Map<PublicKey, Ed25519PublicKeyParameters> VERIFYING_KEYS = new ConcurrentHashMap<>();
    private static final Map<PublicKey, String> KEY_IDS = new ConcurrentHashMap<>();

    private Ed25519() {
    }

    private static Ed25519PublicKeyParameters verifyingKey(PublicKey key) {
        Ed25519PublicKeyParameters known = VERIFYING_KEYS.get(key);
        if (known == null) {
            known = new Ed25519PublicKeyParameters(raw(key), 0);
            remember(VERIFYING_KEYS, key, known);
        }
        return known;
    }

    private static <K, V> void remember(Map<K, V> cache, K key, V value) {
        if (cache.size() > KEY_CACHE) {
            cache.clear();
        }
        cache.put(key, value);
    }

    static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** The key pair of a private key: its public key derived from the private key's seed. */
    static KeyPair pairOf(PrivateKey privateKey) {
        if (!(privateKey instanceof EdECPrivateKey ed) || !ALGORITHM.equals(ed.getParams().getName())) {
            throw new IllegalArgumentException("not an Ed25519 private key");
        }
        byte[] seed = ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key has no seed"));
        try {
            byte[] raw = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
            byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + raw.length);
            System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
            return new KeyPair(KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki)), privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The raw 32-byte public key. */
    static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + 32 || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    /** {@code ed25519-} and the first 16 hex digits of SHA-256 of the raw public key. */
    static String keyId(PublicKey key) {
        String known = KEY_IDS.get(key);
        if (known == null) {
            known = "ed25519-" + HexFormat.of().formatHex(Sha256.digest(raw(key))).substring(0, 16);
            remember(KEY_IDS, key, known);
        }
        return known;
    }

    static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** A SubjectPublicKeyInfo PEM or DER (base64) Ed25519 public key. */
    static PublicKey publicKey(String text) {
        PublicKey known = PARSED_KEYS.get(text);
        if (known != null) {
            return known;
        }
        PublicKey key = parsePublicKey(text);
        remember(PARSED_KEYS, text, key);
        return key;
    }

    private static PublicKey parsePublicKey(String text) {
        byte[] der = derOf(text, "PUBLIC KEY");
        try {
            PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
            raw(key);
            return key;
        } catch (InvalidKeySpecException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (receipt signatures use Ed25519)");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /** A PKCS#8 PEM Ed25519 private key. Errors never quote the input. */
    static PrivateKey privateKey(String pem) {
        byte[] der = derOf(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (InvalidKeySpecException e) {
            throw new IllegalArgumentException("not a PKCS#8 Ed25519 private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /**
     * A private key ready to sign many messages. Signing runs on Bouncy Castle's Ed25519, several
     * times faster than the JDK's; Ed25519 is deterministic, so the signatures are the same bytes.
     */
    static final class SigningKey {
        private final Ed25519PrivateKeyParameters key;

        SigningKey(PrivateKey privateKey) {
            if (!(privateKey instanceof EdECPrivateKey ed) || !ALGORITHM.equals(ed.getParams().getName())) {
                throw new IllegalArgumentException("not an Ed25519 private key");
            }
            byte[] seed = ed.getBytes().orElseThrow(() -> new IllegalArgumentException("the private key has no seed"));
            try {
                this.key = new Ed25519PrivateKeyParameters(seed, 0);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }

        byte[] sign(byte[] message) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(message, 0, message.length);
            return signer.generateSignature();
        }

        @Override
        public String toString() {
            return "SigningKey[redacted]";
        }
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        return new SigningKey(key).sign(message);
    }

    static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_LENGTH) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, verifyingKey(key));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** Signatures are base64 (what we write) or hex (what some signers write) of the 64 raw bytes. */
    static Optional<byte[]> decodeSignature(String text) {
        try {
            byte[] raw = Base64.getDecoder().decode(text);
            if (raw.length == SIGNATURE_LENGTH) {
                return Optional.of(raw);
            }
        } catch (IllegalArgumentException notBase64) {
            // try hex below
        }
        if (text.length() == SIGNATURE_LENGTH * 2) {
            try {
                return Optional.of(HexFormat.of().parseHex(text));
            } catch (IllegalArgumentException notHex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String encodeSignature(byte[] signature) {
        return Base64.getEncoder().encodeToString(signature);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] derOf(String text, String type) {
        String body = text.strip();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (body.contains("-----BEGIN")) {
            int from = body.indexOf(begin);
            int to = body.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("not a PEM " + type.toLowerCase(java.util.Locale.ROOT));
            }
            body = body.substring(from + begin.length(), to);
        }
        try {
            return Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PEM " + type.toLowerCase(java.util.Locale.ROOT));
        }
    }
}
