package ai.aragora.debate;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an operator may tune in the engine (PID {@value #PID}). */
@ObjectClassDefinition(pid = EngineConfig.PID, name = "Aragora debate engine",
        description = "Hot-swap grace periods, capacity, hollow-consensus detection and receipts")
@interface EngineConfig {

    String PID = "ai.aragora.debate";

    @AttributeDefinition(description = "How long a debate waits for the successor of an agent whose bundle went away (ms); then the agent drops out", min = "0")
    int successor_grace_ms() default 2000;

    @AttributeDefinition(description = "How long a write waits for a debate store while the storage bundle is replaced (ms)", min = "0")
    int store_grace_ms() default 10000;

    @AttributeDefinition(description = "Debates running at once; more are refused until one ends", min = "1")
    int max_active() default 20000;

    @AttributeDefinition(description = "Threads that run debate steps; 0 for one per processor (read at start)", min = "0")
    int threads() default 0;

    @AttributeDefinition(description = "Threads that sign receipts (storing them is shared and holds no thread); 0 for two per processor (read at start)", min = "0")
    int receipt_threads() default 0;

    @AttributeDefinition(description = "How long this instance's hold on a running debate lasts unless renewed (ms; renewed three times per lease): after it, another instance sharing the database resumes the debate", min = "300")
    int lease_ms() default 15000;

    @AttributeDefinition(description = "How long a starting debate waits for its prior knowledge from the Knowledge Mound (ms); then it starts without and says so", min = "0")
    int knowledge_deadline_ms() default 2000;

    @AttributeDefinition(description = "Issue a signed decision receipt for every decided debate")
    boolean receipts_enabled() default true;

    @AttributeDefinition(description = "Challenge agreement that rests on proposals without evidence")
    boolean trickster_enabled() default true;

    @AttributeDefinition(description = "Proposal quality (0-1) below which agreement on it counts as hollow", min = "0", max = "1")
    double trickster_min_quality() default Trickster.DEFAULT_MIN_QUALITY;
}
