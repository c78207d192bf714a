package ai.aragora.launcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import ai.aragora.launcher.spi.UsageException;

/**
 * The webhook variables: which private hosts and ranges the server may call
 * ({@code ARAGORA_WEBHOOK_ALLOWED_HOSTS}), the secret callbacks are signed with
 * ({@code ARAGORA_WEBHOOK_CALLBACK_SECRET}, never printed) and the public URL links point to
 * ({@code ARAGORA_PUBLIC_URL}). In production only https URLs are called, unless allowed.
 */
record WebhookSettings(String allowedHosts, Optional<String> callbackSecret, Optional<String> publicUrl, boolean requireHttps) {

    static final String PID = "ai.aragora.webhooks";
    static final String SLACK_PID = "ai.aragora.webhooks.slack";
    private static final int MIN_SECRET = 16;

    static WebhookSettings from(Map<String, String> env, String environment) throws UsageException {
        String allowed = Settings.value(env, "ARAGORA_WEBHOOK_ALLOWED_HOSTS").orElse("").trim();
        for (String entry : allowed.split(",")) {
            String e = entry.trim();
            if (!e.isEmpty() && !e.matches("[A-Za-z0-9.:\\[\\]-]+(/[0-9]{1,3})?")) {
                throw new UsageException("ARAGORA_WEBHOOK_ALLOWED_HOSTS: '" + e + "' is neither a host name nor a CIDR range");
            }
        }
        Optional<String> secret = Settings.value(env, "ARAGORA_WEBHOOK_CALLBACK_SECRET");
        if (secret.isPresent() && secret.get().length() < MIN_SECRET) {
            throw new UsageException("ARAGORA_WEBHOOK_CALLBACK_SECRET must be at least " + MIN_SECRET + " characters");
        }
        Optional<String> publicUrl = Settings.value(env, "ARAGORA_PUBLIC_URL").map(String::trim);
        if (publicUrl.isPresent()) {
            try {
                URI u = new URI(publicUrl.get());
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw new URISyntaxException(publicUrl.get(), "not an http(s) URL");
                }
            } catch (URISyntaxException e) {
                throw new UsageException("ARAGORA_PUBLIC_URL must be an http(s) URL like https://aragora.example.com");
            }
        }
        return new WebhookSettings(allowed, secret, publicUrl, environment.equals("production"));
    }

    void configure(Map<String, Map<String, Object>> configs) {
        Map<String, Object> webhooks = configs.computeIfAbsent(PID, k -> new LinkedHashMap<>());
        webhooks.put("allowed.hosts", allowedHosts);
        webhooks.put("require.https", requireHttps);
        callbackSecret.ifPresent(s -> webhooks.put(".callback.secret", s));
        publicUrl.ifPresent(url -> configs.computeIfAbsent(SLACK_PID, k -> new LinkedHashMap<>()).put("public.url", url));
    }

    @Override
    public String toString() {
        return "WebhookSettings[allowedHosts=" + allowedHosts + ", callbackSecret=" + (callbackSecret.isPresent() ? "set" : "unset")
                + ", publicUrl=" + publicUrl.orElse("unset") + ", requireHttps=" + requireHttps + "]";
    }
}
