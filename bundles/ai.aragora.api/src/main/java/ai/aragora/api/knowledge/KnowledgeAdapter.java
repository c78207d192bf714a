package ai.aragora.api.knowledge;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

import ai.aragora.api.debate.DebateResult;
import ai.aragora.api.receipt.Receipt;

/**
 * One subsystem's bridge to the mound, each in its own bundle. Forward: the mound hands it every
 * finished debate once, in order, and stores what it learned together with how far it got, so an
 * adapter that is replaced by a newer one of the same {@link #name()} resumes where the old one
 * stopped. Reverse: the subsystem's questions, answered from the adapter's kinds of node.
 */
@ConsumerType
public interface KnowledgeAdapter {

    /** Stable across versions: the name the adapter's progress is kept under ({@code consensus}, {@code elo} ...). */
    String name();

    /** The kinds of node it writes, and its reverse queries search. */
    Set<NodeKind> kinds();

    /**
     * What the debate teaches; {@link Learned#NOTHING} when it teaches this adapter nothing. Must be
     * deterministic: after a crash the same debate may be offered again, and is then stored once.
     *
     * @param receipt the debate's receipt, when one was issued and is found
     */
    Learned forward(DebateResult result, Optional<Receipt> receipt);

    /** Reverse: what the mound knows for this adapter's subsystem about {@code question} in one org. */
    default SearchResult reverse(KnowledgeMound mound, String orgId, String question, int limit) {
        return mound.search(new KnowledgeQuery(orgId, null, question, limit, 0, kinds(), Tier.GLACIAL));
    }
}
