package ai.aragora.webhooks.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.aragora.webhooks.secret.SigningSecrets;
import ai.aragora.webhooks.store.Subscription;
import ai.aragora.webhooks.store.Subscription.StoredSecret;

/**
 * A subscription made from a create request, checked field by field, with its signing secret
 * (the client's, or a generated one) sealed: the plain secret is answered once and never stored.
 */
record NewSubscription(Subscription subscription, String secret) {

    static NewSubscription from(Map<String, Object> request, String org, WebhookAccess access) {
        Map<String, Object> body = WebhookRequests.body(request);
        String url = access.checked(WebhookRequests.text(body, "url", 2048));
        List<String> events = WebhookRequests.events(body.get("events"));
        String sink = WebhookRequests.sink(body.get("sink"));
        Map<String, String> headers = WebhookRequests.headers(body.get("headers"));
        String description = WebhookRequests.text(body, "description", WebhookRequests.MAX_DESCRIPTION);
        String given = WebhookRequests.secret(body.get("secret"));
        String secret = given != null ? given : SigningSecrets.generate();
        String id = "wh_" + UUID.randomUUID().toString().replace("-", "");
        Instant now = access.manager().now();
        StoredSecret sealed = WebhookAccess.sealed(() -> access.manager().secrets().seal(id, secret, now));
        return new NewSubscription(new Subscription(id, org, url, sink, events, description, headers, List.of(sealed), true,
                false, null, now, now, null), secret);
    }

    /** The create answer: the id, the secret (this once) and the subscription as the API shows it. */
    Map<String, Object> answer() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("webhook_id", subscription.id());
        out.put("secret", secret);
        out.put("webhook", WebhookViews.subscription(subscription));
        return out;
    }
}
