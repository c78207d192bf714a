package ai.aragora.crypto.aesgcm;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.crypto.EncryptionException;
import ai.aragora.api.crypto.EncryptionException.Kind;
import ai.aragora.api.crypto.Envelope;
import ai.aragora.api.crypto.FieldContext;
import ai.aragora.api.crypto.FieldEncryption;
import ai.aragora.api.crypto.KeyUsage;
import io.prometheus.client.Collector;

/**
 * AES-256-GCM from the JDK: a random 96-bit nonce per encryption, a 128-bit tag, the field's
 * context as associated data. Errors name the key id and the store and field, never a key, a
 * plaintext or a ciphertext.
 */
@Component(service = FieldEncryption.class, configurationPid = {ServerDirs.PID, AesGcmConfig.PID},
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {FieldEncryption.PROVIDER + "=" + AesGcmFieldEncryption.NAME, "service.ranking:Integer=100"})
public class AesGcmFieldEncryption implements FieldEncryption {

    static final String NAME = "aesgcm";
    static final String ALGORITHM = "AES-256-GCM";
    static final int NONCE_BYTES = Nonces.BYTES;
    static final int TAG_BITS = 128;

    private static final Logger LOG = LoggerFactory.getLogger(AesGcmFieldEncryption.class);
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no AES/GCM", e);
        }
    });

    private final KeyRing keys;
    private final UsageLedger ledger;
    private final EncryptionMetrics metrics;
    private final Nonces nonces = new Nonces();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public AesGcmFieldEncryption(ServerDirs server, AesGcmConfig config, BundleContext context) {
        this(KeyRing.of(config._keys()), new UsageLedger(stateDir(server.state_dir()), config.key_limit(),
                config.usage_reserve(), (keyId, used) -> LOG.warn("encryption key {} has done {} of its {} encryptions"
                        + " (80 %): rotate to a new key (runbook: Encryption keys)", keyId, used, config.key_limit())));
        for (Collector c : metrics.collectors()) {
            registrations.add(context.registerService(Collector.class, c, null));
        }
        LOG.info("field encryption {}: active key {}, {} key(s) can decrypt", ALGORITHM, keys.active().id(), keys.ids().size());
    }

    AesGcmFieldEncryption(KeyRing keys, UsageLedger ledger) {
        this.keys = keys;
        this.ledger = ledger;
        this.metrics = new EncryptionMetrics(this::usage);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    EncryptionMetrics metrics() {
        return metrics;
    }

    @Override
    public Envelope encrypt(String plaintext, FieldContext context) {
        long start = System.nanoTime();
        KeyRing.Key key = keys.active();
        try {
            ledger.count(key.id());
            byte[] nonce = nonces.next();
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.associatedData());
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            metrics.encrypted(context.store(), start);
            return new Envelope(Envelope.CURRENT_VERSION, ALGORITHM, key.id(), nonce, sealed);
        } catch (EncryptionException e) {
            metrics.failed("encrypt", e);
            throw e;
        } catch (GeneralSecurityException e) {
            EncryptionException failure = new EncryptionException(Kind.UNAVAILABLE, key.id(),
                    "the JDK refused to encrypt with key " + key.id() + ": " + e.getClass().getSimpleName());
            metrics.failed("encrypt", failure);
            throw failure;
        }
    }

    @Override
    public String decrypt(Envelope envelope, FieldContext context) {
        long start = System.nanoTime();
        try {
            String plaintext = open(envelope, context);
            metrics.decrypted(context.store(), start);
            return plaintext;
        } catch (EncryptionException e) {
            metrics.failed("decrypt", e);
            throw e;
        }
    }

    private String open(Envelope envelope, FieldContext context) {
        String where = "the encrypted field " + context.field() + " of store " + context.store();
        if (!ALGORITHM.equals(envelope.algorithm())) {
            throw new EncryptionException(Kind.UNSUPPORTED_ALGORITHM, envelope.keyId(),
                    where + " names algorithm " + envelope.algorithm() + ", which provider " + NAME + " does not implement");
        }
        KeyRing.Key key = keys.find(envelope.keyId()).orElseThrow(() -> new EncryptionException(Kind.UNKNOWN_KEY,
                envelope.keyId(), where + " was encrypted with key " + envelope.keyId()
                        + ", which is not configured: add that key to ARAGORA_ENCRYPTION_KEY (after the active one)"));
        byte[] nonce = envelope.nonce();
        byte[] sealed = envelope.ciphertext();
        if (nonce.length != NONCE_BYTES || sealed.length < TAG_BITS / 8) {
            throw new EncryptionException(Kind.MALFORMED, key.id(), where + " is truncated");
        }
        try {
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.associatedData());
            return new String(cipher.doFinal(sealed), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new EncryptionException(Kind.TAMPERED, key.id(), where + " does not authenticate under key " + key.id()
                    + ": it was changed, or moved from another record or field");
        } catch (GeneralSecurityException e) {
            throw new EncryptionException(Kind.UNAVAILABLE, key.id(),
                    "the JDK refused to decrypt with key " + key.id() + ": " + e.getClass().getSimpleName());
        }
    }

    @Override
    public String activeKeyId() {
        return keys.active().id();
    }

    @Override
    public List<String> decryptionKeyIds() {
        return keys.ids();
    }

    @Override
    public List<KeyUsage> usage() {
        String active = keys.active().id();
        return keys.ids().stream().map(id -> new KeyUsage(id, id.equals(active), ledger.used(id), ledger.limit())).toList();
    }

    private static Optional<Path> stateDir(String dir) {
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }
}
