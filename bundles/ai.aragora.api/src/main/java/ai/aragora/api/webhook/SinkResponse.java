package ai.aragora.api.webhook;

import java.time.Duration;

/**
 * The receiver's answer: its status, the wait it asked for with {@code Retry-After} (null when
 * none), and the start of its body, capped, for the delivery's last error.
 */
public record SinkResponse(int status, Duration retryAfter, String body) {

    public SinkResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        body = body == null ? "" : body;
    }

    public boolean delivered() {
        return status >= 200 && status < 300;
    }
}
