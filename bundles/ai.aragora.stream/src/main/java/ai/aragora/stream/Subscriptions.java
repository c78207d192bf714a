package ai.aragora.stream;

import java.util.Map;
import java.util.Optional;

import ai.aragora.api.auth.AuthPrincipal;
import ai.aragora.api.storage.DebateRecord;

/**
 * What a client may follow, as the REST API decides it: debates of its own org, with
 * {@code debates.read}. Takes its subscription slots, sends the answers and the catch-up state,
 * and tells the router who follows what.
 */
final class Subscriptions {

    static final String READ = "debates.read";
    /** The slot an org subscription takes: never a debate id. */
    static final String ORG_SLOT = "*";

    private final StreamProtocol protocol;
    private final DebateSync sync;
    private final EventRouter router;

    Subscriptions(StreamProtocol protocol, DebateSync sync, EventRouter router) {
        this.protocol = protocol;
        this.sync = sync;
        this.router = router;
    }

    void subscribe(StreamConnection connection, String debateId) {
        AuthPrincipal principal = connection.principal();
        if (!mayRead(connection)) {
            return;
        }
        // before the lookup: a full connection learns nothing about the debate
        if (!takeSlot(connection, debateId)) {
            return;
        }
        Optional<DebateRecord> debate = sync.find(debateId);
        if (debate.isPresent() && !principal.canSee(debate.get().orgId())) {
            // another org's debate looks exactly like one that does not exist yet, and stays silent;
            // it keeps its slot, so the limit does not tell the two apart either
            connection.offer(protocol.subscribed(debateId));
            connection.offer(notFound(debateId));
            return;
        }
        connection.offer(protocol.subscribed(debateId));
        Optional<Map<String, Object>> state = debate.flatMap(sync::state);
        long after = 0;
        if (state.isPresent()) {
            connection.offer(protocol.sync(state.get()));
            after = ((Number) state.get().get("last_seq")).longValue();
        } else if (sync.hasStore()) {
            connection.offer(notFound(debateId));
        }
        router.attach(connection, debateId, debate.map(DebateRecord::orgId).orElse(null), after);
    }

    void unsubscribe(StreamConnection connection, String debateId) {
        connection.subscriptions().remove(debateId);
        router.detach(connection, debateId);
        connection.offer(protocol.unsubscribed(debateId));
    }

    /** Every debate of the client's org (every org's for the server admin) from its next event on. */
    void subscribeOrg(StreamConnection connection) {
        AuthPrincipal principal = connection.principal();
        if (!mayRead(connection)) {
            return;
        }
        boolean everyOrg = principal.kind() == AuthPrincipal.Kind.ADMIN;
        if (!everyOrg && principal.orgId() == null) {
            connection.offer(protocol.error("this identity belongs to no org: subscribe to debates by id", "no_org"));
            return;
        }
        if (!takeSlot(connection, ORG_SLOT)) {
            return;
        }
        router.watchOrg(connection, orgKey(principal));
        connection.offer(protocol.subscribedOrg(everyOrg ? null : principal.orgId()));
    }

    void unsubscribeOrg(StreamConnection connection) {
        if (connection.subscriptions().remove(ORG_SLOT)) {
            router.unwatchOrg(connection, orgKey(connection.principal()));
        }
        connection.offer(protocol.unsubscribedOrg());
    }

    /** A closed connection follows nothing any more. */
    void dropAll(StreamConnection connection) {
        for (String slot : connection.subscriptions()) {
            if (slot.equals(ORG_SLOT)) {
                router.unwatchOrg(connection, orgKey(connection.principal()));
            } else {
                router.detach(connection, slot);
            }
        }
        connection.subscriptions().clear();
    }

    private boolean mayRead(StreamConnection connection) {
        AuthPrincipal principal = connection.principal();
        if (principal.can(READ)) {
            return true;
        }
        connection.offer(principal.isAnonymous()
                ? protocol.error("authentication required: connect with Authorization: Bearer <token>", "unauthorized")
                : protocol.error("permission " + READ + " is required to follow debates", "forbidden"));
        return false;
    }

    private boolean takeSlot(StreamConnection connection, String slot) {
        if (connection.subscribe(slot)) {
            return true;
        }
        connection.offer(protocol.error("at most " + connection.maxSubscriptions()
                + " subscriptions per connection: unsubscribe from a debate first", "too_many_subscriptions"));
        return false;
    }

    private static String orgKey(AuthPrincipal principal) {
        return principal.kind() == AuthPrincipal.Kind.ADMIN ? EventRouter.ALL_ORGS : principal.orgId();
    }

    private String notFound(String debateId) {
        return protocol.error("no debate " + debateId + " (yet): events will follow if it starts", "not_found");
    }
}
