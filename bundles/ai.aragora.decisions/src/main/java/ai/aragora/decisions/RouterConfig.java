package ai.aragora.decisions;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The decision router's capacity, aging, time limit and lease (PID {@value #PID}); all change live. */
@ObjectClassDefinition(name = "Aragora decision router",
        description = "How many decisions run at once, how long waiting ones may be overtaken, and how long one may run")
@interface RouterConfig {

    String PID = "ai.aragora.decisions";

    @AttributeDefinition(description = "Decisions that run in the engine at once; the rest wait in priority order", min = "1")
    int max_running() default 16;

    @AttributeDefinition(description = "Seconds a low-priority decision may wait before it goes ahead of fresh high and normal ones", min = "0")
    int low_aging_seconds() default 60;

    @AttributeDefinition(description = "Seconds a normal-priority decision may wait before it goes ahead of fresh high ones", min = "0")
    int normal_aging_seconds() default 30;

    @AttributeDefinition(description = "Seconds a high-priority decision may wait before it counts as overdue", min = "0")
    int high_aging_seconds() default 15;

    @AttributeDefinition(description = "Seconds a running decision may take before it ends as timeout", min = "1")
    int timeout_seconds() default 1800;

    @AttributeDefinition(description = "How long this instance's hold on an unfinished decision lasts unless renewed (ms; renewed three times per lease): after it, another instance sharing the database takes the decision over", min = "300")
    int lease_ms() default 15000;
}
