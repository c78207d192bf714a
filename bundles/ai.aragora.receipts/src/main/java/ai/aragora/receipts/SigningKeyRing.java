package ai.aragora.receipts;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.aragora.api.receipt.PublicSigningKey;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.SigningKeys;

/**
 * The receipt signing keys in the state dir. Without a configured key file the private key is
 * generated on first start into {@code odr-signing-key.pem} (PKCS#8 PEM, mode 0600); every
 * public key that ever signed is kept in {@code odr-signing-keys/<key id>.pub.pem}. A key that
 * cannot be used leaves the ring unusable with the reason, so nothing is signed with a doubtful key.
 */
final class SigningKeyRing implements SigningKeys {

    static final String PRIVATE_FILE = "odr-signing-key.pem";
    static final String PUBLIC_DIR = "odr-signing-keys";

    private final Optional<Path> stateDir;
    private final Optional<Path> configuredKeyFile;
    private final Log log;
    private volatile Signer active;
    private volatile String unusable;

    /** Where operator messages go; they name files and key ids, never key material. */
    interface Log {
        void info(String message);

        void warn(String message);
    }

    /** The active private key, for signing only; it has no accessor. */
    static final class Signer {
        private final KeyPair pair;
        private final Ed25519.SigningKey key;
        private final String keyId;

        Signer(KeyPair pair) {
            this.pair = pair;
            this.key = new Ed25519.SigningKey(pair.getPrivate());
            this.keyId = Ed25519.keyId(pair.getPublic());
        }

        String keyId() {
            return keyId;
        }

        PublicKey publicKey() {
            return pair.getPublic();
        }

        byte[] sign(byte[] message) {
            return key.sign(message);
        }

        @Override
        public String toString() {
            return "Signer[" + keyId + "]";
        }
    }

    /**
     * @param stateDir where generated keys and published public keys live; empty when not configured
     * @param configuredKeyFile an operator-supplied private key, used instead of a generated one
     * @param log operator messages
     */
    SigningKeyRing(Optional<Path> stateDir, Optional<Path> configuredKeyFile, Log log) {
        this.stateDir = stateDir;
        this.configuredKeyFile = configuredKeyFile;
        this.log = log;
        try {
            this.active = configuredKeyFile.isPresent() ? loadConfigured(configuredKeyFile.get()) : loadOrGenerate();
            publish(active);
        } catch (IOException | IllegalArgumentException e) {
            this.unusable = e.getMessage();
            log.warn("receipt signing disabled: " + e.getMessage());
        }
    }

    Signer signer() {
        Signer signer = active;
        if (signer == null) {
            throw new ReceiptException("no usable receipt signing key: " + unusable);
        }
        return signer;
    }

    @Override
    public PublicSigningKey active() {
        Signer signer = signer();
        return new PublicSigningKey(signer.keyId(), Ed25519.ALGORITHM, Ed25519.publicPem(signer.publicKey()), true);
    }

    @Override
    public List<PublicSigningKey> published() {
        Signer current = active;
        Map<String, PublicSigningKey> keys = new LinkedHashMap<>();
        if (current != null) {
            keys.put(current.keyId(), active());
        }
        for (PublicKey key : storedPublicKeys()) {
            String keyId = Ed25519.keyId(key);
            keys.putIfAbsent(keyId, new PublicSigningKey(keyId, Ed25519.ALGORITHM, Ed25519.publicPem(key), false));
        }
        return List.copyOf(keys.values());
    }

    @Override
    public synchronized PublicSigningKey rotate() {
        if (configuredKeyFile.isPresent()) {
            throw new ReceiptException("the signing key comes from " + configuredKeyFile.get()
                    + "; rotate it by replacing that file and restarting");
        }
        Path dir = stateDir.orElseThrow(() -> new ReceiptException("no state dir is configured for signing keys"));
        Signer previous = active;
        Signer next = new Signer(Ed25519.generate());
        try {
            // Published before it signs anything, so no receipt ever names an unpublished key.
            publish(next);
            KeyFiles.writePrivate(dir.resolve(PRIVATE_FILE), Ed25519.privatePem(next.pair.getPrivate()));
        } catch (IOException e) {
            throw new ReceiptException("cannot store the new signing key in " + dir + ": " + e.getMessage(), e);
        }
        active = next;
        unusable = null;
        log.info("receipt signing key rotated: " + (previous == null ? "none" : previous.keyId()) + " -> " + next.keyId()
                + " (the previous public key stays published)");
        return active();
    }

    private Signer loadConfigured(Path file) throws IOException {
        return new Signer(Ed25519.pairOf(Ed25519.privateKey(KeyFiles.readPrivate(file, log::warn))));
    }

    private Signer loadOrGenerate() throws IOException {
        Path dir = stateDir.orElseThrow(() -> new IOException("no state dir is configured (ai.aragora.server state.dir)"));
        Path file = dir.resolve(PRIVATE_FILE);
        if (Files.exists(file)) {
            return new Signer(Ed25519.pairOf(Ed25519.privateKey(KeyFiles.readPrivate(file, log::warn))));
        }
        Signer generated = new Signer(Ed25519.generate());
        KeyFiles.writePrivate(file, Ed25519.privatePem(generated.pair.getPrivate()));
        log.info("generated receipt signing key " + generated.keyId() + " into " + file + " (mode 0600)");
        return generated;
    }

    private void publish(Signer signer) throws IOException {
        if (stateDir.isEmpty()) {
            return;
        }
        Path dir = stateDir.get().resolve(PUBLIC_DIR);
        KeyFiles.createPrivateDirectory(dir);
        Path file = dir.resolve(signer.keyId() + ".pub.pem");
        if (!Files.exists(file)) {
            KeyFiles.writePublic(file, Ed25519.publicPem(signer.publicKey()));
        }
    }

    private List<PublicKey> storedPublicKeys() {
        List<PublicKey> keys = new ArrayList<>();
        if (stateDir.isEmpty() || !Files.isDirectory(stateDir.get().resolve(PUBLIC_DIR))) {
            return keys;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(stateDir.get().resolve(PUBLIC_DIR), "*.pub.pem")) {
            List<Path> sorted = new ArrayList<>();
            files.forEach(sorted::add);
            sorted.sort(null);
            for (Path file : sorted) {
                try {
                    keys.add(Ed25519.publicKey(Files.readString(file, StandardCharsets.US_ASCII)));
                } catch (IllegalArgumentException | IOException e) {
                    log.warn("ignoring published key " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("cannot list published signing keys: " + e.getMessage());
        }
        return keys;
    }
}
