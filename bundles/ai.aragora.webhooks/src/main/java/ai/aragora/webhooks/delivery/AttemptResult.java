package ai.aragora.webhooks.delivery;

import java.time.Duration;
import java.time.Instant;

import ai.aragora.api.webhook.SinkResponse;
import ai.aragora.webhooks.outbox.DeliveryState;
import ai.aragora.webhooks.outbox.DeliveryStore.Outcome;
import ai.aragora.webhooks.store.RetrySchedule;

/**
 * What one attempt came to: an answer ({@code status}) or none ({@code error} says why). It
 * decides the delivery's next state: 2xx delivers, 410 Gone dead-letters (and disables the
 * subscription), anything else is retried on the schedule until it runs out.
 */
public record AttemptResult(Integer status, Duration retryAfter, String error) {

    private static final int MAX_ERROR = 500;

    public static AttemptResult answered(SinkResponse r) {
        String error = r.delivered() ? null : "HTTP " + r.status() + (r.body().isEmpty() ? "" : ": " + r.body());
        return new AttemptResult(r.status(), r.retryAfter(), clip(error));
    }

    public static AttemptResult failed(String error) {
        return new AttemptResult(null, null, clip(error));
    }

    public boolean delivered() {
        return status != null && status >= 200 && status < 300;
    }

    public boolean gone() {
        return status != null && status == 410;
    }

    /** Whether the failure says the endpoint is unwell (no answer, 5xx, 429), for its breaker. */
    public boolean endpointFailure() {
        return status == null || status >= 500 || status == 429 || status == 408;
    }

    /**
     * @param attemptsBefore attempts made before this one
     * @param random a number in [0, 1) for the jitter
     */
    public Outcome outcome(int attemptsBefore, Instant now, RetrySchedule schedule, double random) {
        if (delivered()) {
            return new Outcome(DeliveryState.DELIVERED, null, status, null, now);
        }
        if (gone()) {
            return new Outcome(DeliveryState.DEAD_LETTERED, null, status, "HTTP 410 Gone: the subscription is disabled", null);
        }
        int retry = attemptsBefore;
        if (retry >= schedule.maxRetries()) {
            return new Outcome(DeliveryState.DEAD_LETTERED, null, status, error, null);
        }
        return new Outcome(DeliveryState.RETRYING, now.plus(schedule.delay(retry, retryAfter, random)), status, error, null);
    }

    private static String clip(String s) {
        return s == null || s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR) + "...";
    }
}
