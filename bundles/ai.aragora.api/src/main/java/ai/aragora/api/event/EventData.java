package ai.aragora.api.event;

import java.util.Map;

import ai.aragora.api.internal.SmallMap;

/**
 * Keys of {@link DebateEvent#data()} that other services rely on, not only show: a store keeps
 * a message's text once by {@link #CONTENT} and {@link #INDEX}, and critique and vote rows from
 * the keys of those events. The engine writes them; other keys are for display.
 */
public interface EventData {

    /** The text of the message an event announces. */
    String CONTENT = "content";

    /** That message's index in the transcript. */
    String INDEX = "index";

    /** The agent a {@link EventType#CRITIQUE} is about. */
    String TARGET = "target";

    /** A critique's severity, 0 to 10. */
    String SEVERITY = "severity";

    /** The agent a {@link EventType#VOTE} is for. */
    String CHOICE = "choice";

    /** A vote's confidence as the agent stated it, 0 to 1. */
    String CONFIDENCE = "confidence";

    /** True for a baseline vote, cast before any critique: it is not one of the debate's votes. */
    String BASELINE = "baseline";

    /**
     * Event data from alternating keys and values, in that order, as a {@link DebateEvent} keeps
     * it (so the event does not copy it again); null keys or values and a repeated key are
     * refused, as by {@link Map#of}.
     *
     * @since 1.3
     */
    static Map<String, Object> of(Object... keysAndValues) {
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (!(keysAndValues[i] instanceof String)) {
                throw new IllegalArgumentException("event data keys are strings, got " + keysAndValues[i]);
            }
        }
        return SmallMap.of(keysAndValues);
    }
}
