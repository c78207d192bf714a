package ai.aragora.agents.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A provider as configured: its id and PID, the environment variable its key comes from (for
 * messages; null when it needs none), the key, base URL, extra headers, attempt timeout,
 * prices, and its default agent (whose settings extra agents inherit).
 */
public record ProviderSettings(String provider, String pid, String keyVariable, String apiKey, URI baseUrl,
        Map<String, String> headers, Duration attemptTimeout, PriceTable prices, AgentSettings defaultAgent) {

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(pid, "pid");
        apiKey = apiKey == null ? "" : apiKey.trim();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        prices = prices == null ? PriceTable.parse() : prices;
        Objects.requireNonNull(defaultAgent, "defaultAgent");
    }

    /**
     * Settings from a provider component's configuration fields: {@code prices} as
     * {@code model=input:output} entries, an empty base URL meaning none.
     */
    public static ProviderSettings of(String provider, String pid, String keyVariable, String apiKey, String baseUrl,
            Map<String, String> headers, int attemptTimeoutSeconds, String[] prices, AgentSettings defaultAgent) {
        return new ProviderSettings(provider, pid, keyVariable, apiKey, url(baseUrl), headers,
                Duration.ofSeconds(attemptTimeoutSeconds), PriceTable.parse(prices), defaultAgent);
    }

    /** Where the provider's calls go. */
    public Endpoint endpoint() {
        return new Endpoint(provider, baseUrl, apiKey, headers, attemptTimeout);
    }

    /** Why no agents can be registered, or null when they can. */
    public String missing() {
        if (keyVariable != null && apiKey.isEmpty()) {
            return keyVariable + " is not set: no agents registered";
        }
        if (baseUrl == null) {
            return "no base URL configured: no agents registered";
        }
        return null;
    }

    /** Parses a configured base URL; blank means none. */
    public static URI url(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri = URI.create(value.trim());
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("base URL '" + value + "' must be an http(s) URL");
        }
        return uri;
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "none" : "redacted") + "]";
    }
}
