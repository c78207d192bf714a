package ai.aragora.agents.llm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider as configured: its id and PID, the environment variable its key comes from (for
 * messages; null when it needs none), the key, base URL, extra headers, attempt timeout,
 * prices as {@code model=input:output} entries in US$ per million tokens (e.g.
 * {@code claude-sonnet-4-5=3:15}; a model without an exact entry takes the longest matching
 * prefix), and its default agent (whose settings extra agents inherit).
 */
public record ProviderSettings(String provider, String pid, String keyVariable, String apiKey, URI baseUrl,
        Map<String, String> headers, Duration attemptTimeout, List<String> prices, AgentSettings defaultAgent) {

    // Names the rule without the value: a refused URL may carry a password or a key.
    static final String BAD_BASE_URL = "base URL must be an http(s) URL such as https://api.example.com/v1,"
            + " without credentials, query or fragment (a key goes in api.key)";

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(pid, "pid");
        if (baseUrl != null) {
            checkBase(baseUrl);
        }
        apiKey = apiKey == null ? "" : apiKey.trim();
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
        prices = prices == null ? List.of() : List.copyOf(prices);
        Objects.requireNonNull(defaultAgent, "defaultAgent");
    }

    /** Settings from a provider component's configuration fields, an empty base URL meaning none. */
    public static ProviderSettings of(String provider, String pid, String keyVariable, String apiKey, String baseUrl,
            Map<String, String> headers, int attemptTimeoutSeconds, String[] prices, AgentSettings defaultAgent) {
        return new ProviderSettings(provider, pid, keyVariable, apiKey, url(baseUrl), headers,
                Duration.ofSeconds(attemptTimeoutSeconds), prices == null ? List.of() : List.of(prices), defaultAgent);
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

    /**
     * Parses a configured base URL; blank means none. Credentials, a query or a fragment are
     * refused rather than dropped: they are where keys hide, and the URL is logged.
     */
    static URI url(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return checkBase(new URI(value.trim()));
        } catch (URISyntaxException e) {
            // not e.getMessage(): it quotes the whole value
            throw new IllegalArgumentException(BAD_BASE_URL);
        }
    }

    /** The one rule for a base URL, wherever it comes from; the same as the launcher's for *_BASE_URL. */
    static URI checkBase(URI uri) {
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        if (!http || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(BAD_BASE_URL);
        }
        return uri;
    }

    @Override
    public String toString() {
        return "ProviderSettings[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "none" : "redacted") + "]";
    }
}
