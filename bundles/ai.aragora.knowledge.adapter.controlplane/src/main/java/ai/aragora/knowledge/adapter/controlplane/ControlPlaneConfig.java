package ai.aragora.knowledge.adapter.controlplane;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where confident outcomes are shared (PID {@value #PID}). */
@ObjectClassDefinition(name = "Aragora Knowledge Mound control-plane adapter",
        description = "Task outcomes, agent capabilities and cross-workspace sharing")
@interface ControlPlaneConfig {

    String PID = "ai.aragora.knowledge.adapter.controlplane";

    @AttributeDefinition(description = "Workspaces every confident task outcome is also shared to (of the debate's org); empty: none")
    String[] share_workspaces() default {};

    @AttributeDefinition(description = "Least debate confidence for an outcome to be shared", min = "0", max = "1")
    double share_min_confidence() default 0.6;
}
