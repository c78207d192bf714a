package ai.aragora.agents.llm;

import java.io.IOException;
import java.util.function.Consumer;

import ai.aragora.api.agent.AgentException;

/** Turns one streamed answer's server-sent events into tokens and, at the end, the whole reply. */
public interface StreamDecoder {

    /**
     * One event ({@code event} null when the stream names none); text fragments go to
     * {@code tokens}. An {@link IOException}, such as Jackson's on a payload that is not JSON,
     * makes the answer unparseable.
     */
    void event(String event, String data, Consumer<String> tokens) throws AgentException, IOException;

    /** The reply once the stream has ended; throws if the stream said nothing usable. */
    ChatReply finish() throws AgentException;
}
