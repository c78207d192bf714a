package ai.aragora.knowledge;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an operator may tune in the Knowledge Mound (PID {@value #PID}). */
@ObjectClassDefinition(pid = KnowledgeConfig.PID, name = "Aragora Knowledge Mound",
        description = "Cross-debate learning, hybrid search, tiers and the adapters' sync")
@interface KnowledgeConfig {

    String PID = "ai.aragora.knowledge";

    @AttributeDefinition(description = "Give debates their org's prior knowledge and let adapters learn from finished debates (CP_ENABLE_KM)")
    boolean enabled() default true;

    @AttributeDefinition(description = "Workspace of what adapters learn when a debate names none (CP_KM_WORKSPACE)")
    String default_workspace() default "default";

    @AttributeDefinition(description = "Most tokens of prior knowledge a debate is given (a token is taken as 4 characters)", min = "0")
    int recall_token_budget() default 600;

    @AttributeDefinition(description = "Nodes below this confidence are never given to a debate", min = "0", max = "1")
    double recall_min_confidence() default 0.3;

    @AttributeDefinition(description = "With embeddings: nodes less similar in meaning than this (cosine) are never given to a debate", min = "0", max = "1")
    double recall_min_similarity() default 0.45;

    @AttributeDefinition(description = "With embeddings: how much a full-text match raises a node's score (score = similarity x (1 + boost x lexical))", min = "0", max = "1")
    double lexical_boost() default 0.05;

    @AttributeDefinition(description = "Days unused after which a fast node cools to medium", min = "1")
    int fast_retention_days() default 7;

    @AttributeDefinition(description = "Days unused after which a medium node cools to slow", min = "1")
    int medium_retention_days() default 30;

    @AttributeDefinition(description = "Days unused after which a slow node cools to glacial", min = "1")
    int slow_retention_days() default 180;

    @AttributeDefinition(description = "Days unused after which a glacial node is deleted, with its relationships and vectors (0: kept for ever)", min = "0")
    int glacial_retention_days() default 365;

    @AttributeDefinition(description = "Days unused (neither given to a debate nor offered again) after which a node's confidence starts to decay", min = "1")
    int decay_after_days() default 30;

    @AttributeDefinition(description = "Days in which a decaying confidence halves", min = "1")
    int decay_half_life_days() default 180;

    @AttributeDefinition(description = "Confidence below which decay never takes a node", min = "0", max = "1")
    double decay_floor() default 0.1;

    @AttributeDefinition(description = "Seconds between sync passes over finished debates (each finished debate also starts one)", min = "1")
    int sync_interval_seconds() default 30;

    @AttributeDefinition(description = "Search results kept in memory for questions asked again (0: none); a write to a workspace drops its results", min = "0")
    int cache_max_entries() default 1000;

    @AttributeDefinition(description = "Seconds a cached search result is kept at most", min = "0")
    int cache_ttl_seconds() default 60;

    @AttributeDefinition(description = "Milliseconds within which what adapters learn and the vectors of new nodes reach cached searches (gathered, then dropped together); 0: at once", min = "0")
    int cache_background_delay_ms() default 1000;

    @AttributeDefinition(description = "Largest knowledge import accepted, in megabytes (read whole before anything is stored)", min = "1")
    int import_max_megabytes() default 32;
}
