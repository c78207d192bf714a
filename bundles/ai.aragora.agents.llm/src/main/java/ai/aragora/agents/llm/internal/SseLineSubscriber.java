package ai.aragora.agents.llm.internal;

import java.io.IOException;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import ai.aragora.agents.llm.ChatReply;
import ai.aragora.agents.llm.StreamDecoder;
import ai.aragora.api.agent.AgentException;

/**
 * Reads server-sent events line by line as they arrive and hands each complete event to the
 * decoder. A decoder failure is kept (the rest of the stream is drained and ignored) and
 * reported when the stream ends.
 */
final class SseLineSubscriber implements Flow.Subscriber<String> {

    private final StreamDecoder decoder;
    private final Consumer<String> tokens;
    private final StringBuilder data = new StringBuilder();
    private String event;
    private AgentException failure;

    SseLineSubscriber(StreamDecoder decoder, Consumer<String> tokens) {
        this.decoder = decoder;
        // A failing token listener loses its tokens; the answer itself is not lost.
        this.tokens = token -> {
            try {
                tokens.accept(token);
            } catch (RuntimeException ignored) {
                // the listener's own problem
            }
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(String line) {
        if (failure != null) {
            return;
        }
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith("event:")) {
            event = line.substring(6).trim();
        } else if (line.startsWith("data:")) {
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(line.substring(5).stripLeading());
        }
        // comments (":") and other fields (id:, retry:) carry nothing we use
    }

    private void dispatch() {
        if (data.length() == 0) {
            event = null;
            return;
        }
        String payload = data.toString();
        data.setLength(0);
        String name = event;
        event = null;
        try {
            decoder.event(name, payload, tokens);
        } catch (AgentException e) {
            failure = e;
        } catch (IOException e) {
            failure = new AgentException(AgentException.Kind.UNPARSEABLE, "a stream event is not JSON");
        } catch (RuntimeException e) {
            failure = new AgentException(AgentException.Kind.UNPARSEABLE, "unreadable stream event: " + e.getClass().getSimpleName(), null, e);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // the response future fails with the same error; nothing to keep here
    }

    @Override
    public void onComplete() {
        if (failure == null) {
            dispatch();
        }
    }

    /** The reply, once the stream completed. */
    ChatReply reply() {
        if (failure != null) {
            throw failure;
        }
        return decoder.finish();
    }
}
