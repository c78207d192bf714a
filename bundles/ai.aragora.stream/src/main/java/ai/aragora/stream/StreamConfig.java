package ai.aragora.stream;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Aragora event stream", description = "WebSocket event stream limits and timers")
@interface StreamConfig {

    String PID = "ai.aragora.stream";

    @AttributeDefinition(description = "Seconds between heartbeats to every client")
    int heartbeat_seconds() default 15;

    @AttributeDefinition(description = "Largest message a client may send, in bytes")
    int max_message_bytes() default 65536;

    @AttributeDefinition(description = "Events buffered for one client before it is dropped as too slow")
    int client_buffer_events() default 1024;

    @AttributeDefinition(description = "Messages a client may send per second (sustained)")
    int messages_per_second() default 20;

    @AttributeDefinition(description = "Messages a client may send in a burst")
    int burst() default 40;

    @AttributeDefinition(description = "Seconds of silence from a client before its connection is closed")
    int idle_timeout_seconds() default 300;

    @AttributeDefinition(description = "Transcript messages sent in the sync answer to a subscription")
    int sync_messages() default 200;

    @AttributeDefinition(description = "Debates one connection may follow at once, known or not yet")
    int max_subscriptions() default 100;
}
