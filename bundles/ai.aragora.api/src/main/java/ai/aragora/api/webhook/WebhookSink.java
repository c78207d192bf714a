package ai.aragora.api.webhook;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One way of handing a delivery to its destination (a signed JSON POST, a Slack message...): the
 * plugin kind of webhook sinks. A sink bundle registers one as a service with {@value #KIND}; the
 * delivery manager owns the outbox, retries, breakers and outbound checks, a sink only sends.
 * Deliveries of a kind no sink is registered for wait until one is.
 */
@ConsumerType
public interface WebhookSink {

    /** Service property: the sink kind a subscription names, e.g. {@code http} or {@code slack}. */
    String KIND = "aragora.webhook.sink";

    /**
     * Sends one attempt. The stage completes with the receiver's answer, or exceptionally when
     * no answer came (connection refused, timeout); it must never block the calling thread.
     */
    CompletionStage<SinkResponse> send(SinkRequest request);
}
