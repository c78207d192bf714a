package ai.aragora.webhooks;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Delivery schedule, limits and outbound rules; the defaults are the runbook's. */
@ObjectClassDefinition(name = "Aragora webhooks", description = "Webhook delivery: retries, breakers, limits, outbound rules")
@interface WebhookConfig {

    String PID = "ai.aragora.webhooks";

    @AttributeDefinition(description = "Milliseconds before the first retry; doubles for each retry after")
    long base_delay_millis() default 1000;

    @AttributeDefinition(description = "Longest wait between attempts, in seconds")
    long max_delay_seconds() default 300;

    @AttributeDefinition(description = "Retries after the first attempt before a delivery is dead-lettered")
    int max_retries() default 5;

    @AttributeDefinition(description = "Random extra wait, as a fraction of the backoff")
    double jitter() default 0.1;

    @AttributeDefinition(description = "Seconds an attempt may take before it counts as failed")
    int timeout_seconds() default 30;

    @AttributeDefinition(description = "Consecutive endpoint failures that open its circuit breaker")
    int breaker_threshold() default 5;

    @AttributeDefinition(description = "Seconds an endpoint's breaker stays open")
    int breaker_cooldown_seconds() default 60;

    @AttributeDefinition(description = "Deliveries in flight to one endpoint (host) at a time")
    int per_endpoint_concurrency() default 16;

    @AttributeDefinition(description = "Deliveries in flight in all")
    int max_in_flight() default 512;

    @AttributeDefinition(description = "Hours a rotated-out secret keeps signing beside the new one")
    int secret_overlap_hours() default 24;

    @AttributeDefinition(description = "Hosts and CIDR ranges allowed although private (ARAGORA_WEBHOOK_ALLOWED_HOSTS)")
    String allowed_hosts() default "";

    @AttributeDefinition(description = "Only https URLs, unless the host is allowed (on in production)")
    boolean require_https() default false;

    @AttributeDefinition(name = ".callback.secret", description = "whsec_ secret callbacks are signed with (ARAGORA_WEBHOOK_CALLBACK_SECRET)")
    String _callback_secret() default "";
}
