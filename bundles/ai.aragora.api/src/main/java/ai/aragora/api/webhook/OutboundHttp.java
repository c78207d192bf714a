package ai.aragora.api.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * HTTP/1.1 POSTs to the addresses the outbound policy checked ({@link Destination}): the
 * connection goes to one of {@code addresses}, and the URL's host name is the {@code Host}
 * header, the TLS server name and what the server's certificate must name. The client never
 * resolves a name. One bundle provides it and every sink that calls out uses it, so no sink
 * depends on another. Redirects are answers; an attempt is cut at its timeout, connect and
 * handshake included.
 *
 * @since 1.2
 */
@ProviderType
public interface OutboundHttp {

    /** A receiver's answer: its status, its {@code Retry-After} header as sent, and the start of its body. */
    record Answer(int status, Optional<String> retryAfter, String body) {
    }

    /**
     * Sends the POST to the first of {@code addresses} that accepts a connection.
     *
     * @param headers sent in order after {@code Host} and {@code Content-Length}; a name that is
     *                not a token or a value with a line break fails the attempt
     * @param cap     bytes of the answer's body kept; the rest is not read
     * @return completes with the answer, or exceptionally when none came (no address given,
     *         refused, timed out: {@link java.net.http.HttpTimeoutException})
     */
    CompletionStage<Answer> post(URI url, List<InetAddress> addresses, List<Map.Entry<String, String>> headers, byte[] body,
            Duration timeout, int cap);
}
