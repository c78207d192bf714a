package ai.aragora.webhooks.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The webhook event types, dotted as clients subscribe to them, with their categories, and how
 * the engine's stored events become them.
 */
public final class EventCatalog {

    /**
     * One event type as {@code GET /api/v1/webhooks/events} lists it.
     *
     * @param callback sent only to the callback URL of the request it answers, never to subscriptions
     */
    public record Type(String type, String category, String description, boolean callback) {

        Type(String type, String category, String description) {
            this(type, category, description, false);
        }
    }

    /** An event type and the data its body carries. */
    public record Announcement(String type, Map<String, Object> data) {
    }

    public static final String DEBATE_COMPLETED = "debate.completed";
    public static final String RECEIPT_CREATED = "receipt.created";
    public static final String WEBHOOK_TEST = "webhook.test";
    public static final String CIRCUIT_BREAKER_OPENED = "circuit_breaker.opened";

    public static final List<Type> TYPES = List.of(
            new Type("debate.started", "debate", "A debate started"),
            new Type("debate.round_completed", "debate", "A round of a debate completed"),
            new Type("consensus.reached", "consensus", "The agents reached consensus"),
            new Type(DEBATE_COMPLETED, "debate", "A debate ended with a decision: verdict, confidence, winner and receipt id"),
            new Type("debate.failed", "debate", "A debate ended without a decision (failed, timed out, interrupted)"),
            new Type("debate.cancelled", "debate", "A debate was cancelled"),
            new Type(RECEIPT_CREATED, "receipt", "A decision receipt was issued"),
            new Type("agent.failed", "agent", "An agent call failed in a debate"),
            new Type("agent.fallback", "agent", "An agent call fell back to another provider"),
            new Type(CIRCUIT_BREAKER_OPENED, "agent",
                    "An agent provider's circuit breaker opened after consecutive failures: its name, failures and cooldown"),
            new Type(WEBHOOK_TEST, "webhook", "A test delivery asked for with POST /api/v1/webhooks/{id}/test"),
            decision("completed", "A decision completed: status, decision type, whether it was cached, receipt id"),
            decision("failed", "A decision failed: status, decision type and the error"),
            decision("cancelled", "A decision was cancelled: status, decision type and the reason as its error"),
            decision("timeout", "A decision ran out of time: status, decision type and the error"));

    private static final Set<String> SUBSCRIBABLE = TYPES.stream().filter(t -> !t.callback()).map(Type::type)
            .collect(Collectors.toUnmodifiableSet());
    private static final Set<String> CALLBACKS = TYPES.stream().filter(Type::callback).map(Type::type)
            .collect(Collectors.toUnmodifiableSet());

    private EventCatalog() {
    }

    /** The router's callbacks ({@code decision.<status>}), sent to the callback_url a decision request named. */
    private static Type decision(String status, String description) {
        return new Type("decision." + status, "decision", "Sent to a decision's callback_url. " + description, true);
    }

    /** A type a subscription can receive. */
    public static boolean known(String type) {
        return SUBSCRIBABLE.contains(type);
    }

    /** Every type a subscription can receive, in catalogue order. */
    public static List<String> subscribable() {
        return TYPES.stream().filter(t -> !t.callback()).map(Type::type).toList();
    }

    /** A type sent only to a request's callback URL. */
    public static boolean callbackOnly(String type) {
        return CALLBACKS.contains(type);
    }

    /** Categories with their types, in catalogue order. */
    public static Map<String, List<String>> categories() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Type t : TYPES) {
            out.computeIfAbsent(t.category(), k -> new ArrayList<>()).add(t.type());
        }
        return out;
    }

    /**
     * What a stored debate event announces, if anything.
     *
     * @param type the engine's event type name ({@code DEBATE_END})
     * @param result the stored result of an ended debate (its JSON as a map), or null
     * @param receiptId the debate's receipt id when it has one, or null
     */
    public static Optional<Announcement> ofDebateEvent(String debateId, String type, int round, String agent,
            Map<String, Object> eventData, Map<String, Object> result, String receiptId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("debate_id", debateId);
        switch (type) {
            case "DEBATE_START" -> {
                copy(eventData, data, "task", "agents", "rounds");
                return Optional.of(new Announcement("debate.started", data));
            }
            case "ROUND_START" -> {
                if (round < 2) {
                    return Optional.empty();
                }
                data.put("round", round - 1);
                copy(eventData, data, "rounds");
                return Optional.of(new Announcement("debate.round_completed", data));
            }
            case "CONSENSUS" -> {
                if (!Boolean.TRUE.equals(eventData.get("reached"))) {
                    return Optional.empty();
                }
                data.put("round", round);
                copy(eventData, data, "verdict", "confidence", "method", "winner", "supporting_agents", "dissenting_agents");
                return Optional.of(new Announcement("consensus.reached", data));
            }
            case "DEBATE_END" -> {
                return Optional.of(end(eventData, data, result, receiptId));
            }
            case "AGENT_FAILURE" -> {
                data.put("agent", agent);
                data.put("round", round);
                data.putAll(eventData);
                return Optional.of(new Announcement("agent.failed", data));
            }
            case "AGENT_FALLBACK_TRIGGERED" -> {
                data.put("agent", agent);
                data.put("round", round);
                data.putAll(eventData);
                return Optional.of(new Announcement("agent.fallback", data));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static Announcement end(Map<String, Object> eventData, Map<String, Object> data, Map<String, Object> result,
            String receiptId) {
        String status = String.valueOf(eventData.get("status"));
        String type = switch (status) {
            case "completed", "consensus_reached" -> DEBATE_COMPLETED;
            case "cancelled" -> "debate.cancelled";
            default -> "debate.failed";
        };
        data.put("status", status);
        data.put("verdict", eventData.get("verdict"));
        data.put("confidence", eventData.get("confidence"));
        Object winner = result != null && result.get("consensus") instanceof Map<?, ?> consensus ? consensus.get("winner") : null;
        data.put("winner", winner);
        Object receipt = eventData.get("receipt_id") != null ? eventData.get("receipt_id") : receiptId;
        data.put("receipt_id", receipt);
        copy(eventData, data, "rounds_used", "duration_seconds");
        return new Announcement(type, data);
    }

    private static void copy(Map<String, Object> from, Map<String, Object> to, String... keys) {
        for (String k : keys) {
            if (from.containsKey(k)) {
                to.put(k, from.get(k));
            }
        }
    }
}
