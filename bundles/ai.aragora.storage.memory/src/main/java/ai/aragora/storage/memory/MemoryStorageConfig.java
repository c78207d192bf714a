package ai.aragora.storage.memory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How much the in-memory stores keep (PID {@value #PID}): every bound keeps a long-running process's heap flat. */
@ObjectClassDefinition(pid = MemoryStorageConfig.PID, name = "Aragora in-memory storage",
        description = "Bounds of the in-memory debate and rating stores")
@interface MemoryStorageConfig {

    String PID = "ai.aragora.storage.memory";

    @AttributeDefinition(description = "Finished debates kept; the oldest finished debate is forgotten first. Running debates are never dropped.", min = "1")
    int max_debates() default 1000;

    @AttributeDefinition(description = "Rating changes kept per agent", min = "1")
    int max_history() default 1000;

    @AttributeDefinition(description = "Calibration predictions kept per agent", min = "10")
    int max_predictions() default 10000;
}
