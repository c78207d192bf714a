package ai.aragora.api.receipt;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The receipt signing keys. The private key never leaves the implementation; only public
 * halves are handed out. After a rotation the new key signs and every earlier public key stays
 * published, so old receipts keep verifying.
 */
@ProviderType
public interface SigningKeys {

    /** @throws ReceiptException when no usable key is configured (the reason says why) */
    PublicSigningKey active();

    /** Every key that ever signed here, the active one first. */
    List<PublicSigningKey> published();

    /**
     * Generates a new key, makes it active and keeps the previous public key published.
     *
     * @throws ReceiptException when the key is supplied from outside (a configured key file):
     *         the operator rotates that by replacing the file
     */
    PublicSigningKey rotate();
}
