/**
 * Resilience shared by everything that calls a remote service (agents, webhooks): circuit
 * breakers by group and name, retries with exponential backoff and jitter that honour
 * {@code Retry-After}, the notice an agent call sends when it falls back to another provider,
 * and the notice a breaker sends when it opens.
 */
@Version("1.2.0")
@Export
package ai.aragora.api.resilience;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
