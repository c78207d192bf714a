package ai.aragora.webhooks.http.pinned;

import java.util.Optional;

/** A receiver's answer: its status, its {@code Retry-After} header as sent, and the start of its body. */
public record Answer(int status, Optional<String> retryAfter, String body) {
}
