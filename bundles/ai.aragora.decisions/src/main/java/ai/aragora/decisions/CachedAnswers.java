package ai.aragora.decisions;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import ai.aragora.api.cache.CacheTags;
import ai.aragora.api.cache.DecisionCache;
import ai.aragora.api.decision.DecisionRequest;
import ai.aragora.api.decision.DecisionStatus;
import ai.aragora.api.storage.DecisionResult;

/**
 * What the cache holds for a decision that completed (its id, result and receipt, as plain JSON
 * values, tagged with its workspace, policy and agent versions, {@code type:} and {@code org:}),
 * and a repeat answered from it: a new completed decision that names the one that ran.
 */
final class CachedAnswers {

    static final String DECISION_ID = "decision_id";
    static final String RESULT = "result";
    static final String RECEIPT_ID = "receipt_id";

    private CachedAnswers() {
    }

    static Optional<DecisionResult> answer(DecisionCache cache, String key, String id, DecisionRequest request, String policy,
            String storedRequest, String retriedFrom, Instant now) {
        return cache.get(key, Map.class).map(value -> new DecisionResult(id, request.workspace(), key, request.type().wire(),
                policy, (String) value.get(RESULT), true, 0, now, request.orgId(), DecisionStatus.COMPLETED.wire(),
                request.priority().wire(), storedRequest, (String) value.get(RECEIPT_ID), (String) value.get(DECISION_ID),
                retriedFrom, null, now));
    }

    static void keep(DecisionCache cache, Entry entry, String result, String receiptId) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put(DECISION_ID, entry.id());
        value.put(RESULT, result);
        value.put(RECEIPT_ID, receiptId);
        cache.put(entry.record.requestKey(), value, new CacheTags(entry.request.workspace(), entry.record.policyVersion(),
                entry.agentVersions, Set.of("type:" + entry.request.type().wire(), "org:" + entry.request.orgId())));
    }
}
