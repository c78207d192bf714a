package ai.aragora.agents.demo;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Simulated response times of the demo agents (PID {@value #PID}); changes apply to the next call. */
@ObjectClassDefinition(pid = DemoConfig.PID, name = "Aragora demo agents",
        description = "Simulated latency of the keyless demo agents")
@interface DemoConfig {

    String PID = "ai.aragora.agents.demo";

    @AttributeDefinition(description = "Delay of every answer in milliseconds (ARAGORA_DEMO_LATENCY_MS); 0 answers at once", min = "0")
    int latency_ms() default 0;

    @AttributeDefinition(description = "Per-agent delays overriding latency.ms, as name=milliseconds, e.g. demo-critical=250")
    String[] agent_latency_ms() default {};
}
