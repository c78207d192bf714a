package ai.aragora.resilience;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Breaker and retry settings; the defaults are tuned for LLM calls. */
@ObjectClassDefinition(name = "Aragora resilience", description = "Circuit breakers and retries for agent calls")
@interface ResilienceConfig {

    String PID = "ai.aragora.resilience";

    @AttributeDefinition(description = "Consecutive failures that open a breaker")
    int failure_threshold() default 5;

    @AttributeDefinition(description = "Seconds a breaker stays open before a trial call")
    int cooldown_seconds() default 60;

    @AttributeDefinition(description = "Attempts per call, the first included")
    int max_attempts() default 3;

    @AttributeDefinition(description = "Milliseconds before the first retry")
    long initial_delay_millis() default 1000;

    @AttributeDefinition(description = "Longest wait between attempts, in milliseconds")
    long max_delay_millis() default 30000;

    @AttributeDefinition(description = "Growth of the wait from one retry to the next")
    double multiplier() default 2.0;

    @AttributeDefinition(description = "Random spread of each wait, as a fraction either way")
    double jitter() default 0.2;
}
