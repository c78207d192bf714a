package ai.aragora.api.ops;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/** Registered by a bundle that limits requests: its limiters and their current use. */
@ConsumerType
public interface RateLimits {

    List<RateLimit> rateLimits();
}
