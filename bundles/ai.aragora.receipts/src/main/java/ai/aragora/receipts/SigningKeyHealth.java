package ai.aragora.receipts;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.health.ComponentHealth;
import ai.aragora.api.health.HealthIndicator;
import ai.aragora.api.receipt.ReceiptException;
import ai.aragora.api.receipt.SigningKeys;

/**
 * The {@code signing-keys} component of health and readiness: a usable signing key is in the
 * state dir. Taking the keys activates the ledger, so the key exists on disk (and is published)
 * before the server says it is ready, not when the first receipt is signed.
 */
@Component(property = HealthIndicator.COMPONENT + "=signing-keys")
public class SigningKeyHealth implements HealthIndicator {

    private final SigningKeys keys;

    @Activate
    public SigningKeyHealth(@Reference SigningKeys keys) {
        this.keys = keys;
    }

    @Override
    public ComponentHealth check() {
        try {
            return new ComponentHealth(ComponentHealth.Status.HEALTHY, "active key " + keys.active().keyId());
        } catch (ReceiptException e) {
            return ComponentHealth.unavailable(e.getMessage());
        }
    }
}
