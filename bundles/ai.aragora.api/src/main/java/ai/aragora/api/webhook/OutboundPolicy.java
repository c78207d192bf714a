package ai.aragora.api.webhook;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one rule for where the server may send requests: webhooks, callbacks and anything else
 * that calls out to a URL a user gave.
 */
@ProviderType
public interface OutboundPolicy {

    /**
     * @return the URL, parsed, when requests may be sent to it now
     * @throws RefusedDestinationException naming why not (scheme, private address, unresolvable host...)
     */
    URI check(String url);

    /**
     * Checks the URL as {@link #check(String)} does, resolving its host once, and returns the
     * addresses that passed: send to one of these, not to the name, so the check holds at the
     * connect (a host the operator allows by name is resolved too, its addresses not judged).
     *
     * @throws RefusedDestinationException naming why not
     * @since 1.1
     */
    Destination resolve(String url);
}
