package ai.aragora.api.webhook;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** Signed one-off deliveries to a URL a caller gave with a request ({@code callback_url}). */
@ProviderType
public interface Callbacks {

    /**
     * The debate spec's metadata key under which {@code POST /api/v1/debates} keeps a checked
     * {@code callback_url}: the webhooks bundle delivers that debate's end there, signed.
     */
    String CALLBACK_URL = "callback_url";

    /**
     * Records a delivery durably and delivers it at least once, with the retries, signatures and
     * outbound rules of webhooks.
     *
     * @param url a URL that {@link OutboundPolicy#check(String)} accepted
     * @return the stage completing with the delivery id once the delivery is recorded
     */
    CompletionStage<String> enqueue(String orgId, URI url, String eventType, Map<String, Object> data);
}
