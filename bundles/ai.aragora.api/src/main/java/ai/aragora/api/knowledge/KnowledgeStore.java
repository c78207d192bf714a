package ai.aragora.api.knowledge;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

import ai.aragora.api.storage.Page;

/**
 * Where the mound keeps its nodes, relationships, vectors and adapters' progress: the storage
 * SPI behind {@link KnowledgeMound}. Every read and write is confined to the org it names.
 */
@ProviderType
public interface KnowledgeStore {

    /** Inserts the node, or strengthens the node of the same content hash in its org and workspace and adds the provenance. */
    Stored upsert(NewNode node);

    /** {@link #upsert} of each, in one transaction. */
    List<Stored> upsertAll(List<NewNode> nodes);

    /**
     * Writes exported nodes and relationships as they are (ids, tiers, provenance kept), in one
     * transaction: all or nothing. A node whose id or content already is in the store is left as stored.
     *
     * @return how many nodes were new
     * @throws IllegalArgumentException when a relationship refers to a node of another org or to none
     */
    int importAll(List<KnowledgeNode> nodes, List<Relationship> relationships);

    Optional<KnowledgeNode> find(String orgId, String id);

    /** The org's nodes among {@code ids}, in no particular order. */
    List<KnowledgeNode> find(String orgId, Collection<String> ids);

    Page<KnowledgeNode> list(String orgId, String workspaceId, NodeKind kind, int offset, int limit);

    /** The org's nodes (of {@code workspaceId} when not null) after node id {@code afterId} (null from the start), in id order. */
    List<KnowledgeNode> nodesAfter(String orgId, String workspaceId, String afterId, int limit);

    /** The org's relationships after relationship id {@code afterId} (null from the start), in id order. */
    List<Relationship> relationshipsAfter(String orgId, String afterId, int limit);

    boolean delete(String orgId, String id);

    /** @throws IllegalArgumentException naming a node the org does not have */
    Relationship relate(String orgId, String sourceId, String targetId, RelationType type, Provenance provenance);

    List<Relationship> relationships(String orgId, String nodeId);

    /** Full-text hits for the query's words, best first, {@code lexical} scaled to [0, 1] within the answer. */
    List<ScoredNode> lexical(KnowledgeQuery query);

    /** Counts a use of each node and promotes it one tier; completes once committed. */
    CompletionStage<Void> used(String orgId, Collection<String> ids, Instant at);

    /** Demotes one tier every node of {@code tier} neither used nor strengthened since {@code since}; returns how many. */
    int demote(Tier tier, Instant since);

    /**
     * Lowers the confidence of every node neither used nor strengthened for longer than {@code grace}:
     * halved every {@code halfLife} after its grace ended, never below {@code floor}. Each call applies
     * only the time since the node's previous decay, so calls may come at any interval and from
     * several instances; a use or a strengthening starts a new grace.
     *
     * @return how many nodes it lowered
     */
    int decay(Instant now, Duration grace, Duration halfLife, double floor);

    /** Deletes every {@link Tier#GLACIAL} node neither used nor strengthened since {@code since}, with its relationships and vectors; returns their ids. */
    List<String> expire(Instant since);

    MoundStats stats(String orgId, String workspaceId);

    // --- finished debates, and how far each adapter learned from them

    /** A finished debate waiting to be learned from, in the order debates finished. */
    record Queued(long seq, String debateId) {
    }

    /** Queues a finished debate once; offering it again does nothing. */
    void enqueue(String debateId, Instant at);

    List<Queued> queued(long afterSeq, int limit);

    /** The last {@link Queued#seq()} the adapter learned from, 0 before its first. */
    long cursor(String adapter);

    /**
     * Stores what {@code adapter} learned from entry {@code seq} and moves its cursor there, in one
     * transaction; does nothing and returns false when its cursor already is at or past {@code seq}.
     */
    boolean learn(String adapter, long seq, Learned learned);

    /**
     * {@link #learn} without waiting: the stage completes once it is committed, with whatever else
     * was queued meanwhile, so several adapters' learning of one debate commits together.
     *
     * @since 1.4
     */
    CompletionStage<Boolean> learnQueued(String adapter, long seq, Learned learned);

    /** Every adapter's cursor. */
    Map<String, Long> cursors();

    // --- vectors beside their nodes

    /** A node's vector under one model, with what a search filters on. */
    record NodeVector(String nodeId, String orgId, String workspaceId, float[] vector) {
    }

    void putVectors(String model, Map<String, float[]> vectors);

    /** Vectors of {@code model} after node id {@code afterId} (null from the start), in id order. */
    List<NodeVector> vectors(String model, String afterId, int limit);

    /** Nodes without a vector of {@code model}, in id order after {@code afterId} (null from the start). */
    List<KnowledgeNode> unembedded(String model, String afterId, int limit);
}
