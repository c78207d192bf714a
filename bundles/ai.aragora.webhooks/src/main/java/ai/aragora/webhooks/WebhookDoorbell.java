package ai.aragora.webhooks;

import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;
import ai.aragora.api.event.EventType;

/**
 * Wakes the dispatcher when the engine announces an event webhooks may carry. The event is
 * already in the outbox (the store's trigger wrote it in the event's commit); this only saves
 * the wait for the next poll, and costs the debate's thread one flag check.
 */
@Component(service = DebateListener.class)
public class WebhookDoorbell implements DebateListener {

    private static final Set<EventType> RUNG_BY = Set.of(EventType.DEBATE_START, EventType.ROUND_START, EventType.CONSENSUS,
            EventType.DEBATE_END, EventType.AGENT_FAILURE, EventType.AGENT_FALLBACK_TRIGGERED);

    private final WebhookManager manager;

    @Activate
    public WebhookDoorbell(@Reference WebhookManager manager) {
        this.manager = manager;
    }

    @Override
    public void onEvent(DebateEvent event) {
        if (RUNG_BY.contains(event.type())) {
            manager.wake();
        }
    }
}
