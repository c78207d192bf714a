package ai.aragora.debate;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.event.DebateEvent;
import ai.aragora.api.event.DebateListener;

/**
 * Hands each event to every listener service, in order, on the debate's thread. A listener that
 * throws is logged once and otherwise ignored: it can never fail a debate.
 */
final class ListenerFanout {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerFanout.class);

    private volatile DebateListener[] listeners = new DebateListener[0];
    private final Set<Class<?>> reported = ConcurrentHashMap.newKeySet();

    synchronized void add(DebateListener listener) {
        DebateListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
    }

    synchronized void remove(DebateListener listener) {
        DebateListener[] current = listeners;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == listener) {
                DebateListener[] next = new DebateListener[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                listeners = next;
                return;
            }
        }
    }

    void deliver(List<DebateEvent> events) {
        DebateListener[] targets = listeners;
        if (targets.length == 0) {
            return;
        }
        for (int e = 0, n = events.size(); e < n; e++) {
            DebateEvent event = events.get(e);
            for (DebateListener listener : targets) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException | LinkageError failure) {
                    if (reported.add(listener.getClass())) {
                        LOG.warn("debate listener {} failed on a {} event and is ignored for it: {}",
                                listener.getClass().getName(), event.type().wire(), failure.toString());
                    }
                }
            }
        }
    }
}
