package ai.aragora.agents.llm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where and as whom a provider is called: the provider's id, its base URL, the API key (empty
 * for local servers), extra headers, and the longest one attempt may take.
 */
public record Endpoint(String provider, URI baseUrl, String apiKey, Map<String, String> headers, Duration attemptTimeout) {

    public Endpoint {
        Objects.requireNonNull(provider, "provider");
        ProviderSettings.checkBase(Objects.requireNonNull(baseUrl, "baseUrl"));
        apiKey = apiKey == null ? "" : apiKey;
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    }

    /** {@code path} under the base URL, whether or not the base URL ends with a slash. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
    }

    @Override
    public String toString() {
        return "Endpoint[provider=" + provider + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey.isEmpty() ? "none" : "redacted") + "]";
    }
}
