package ai.aragora.debate;

/** What the engine reads from the server's configuration (PID {@value #PID}), set by the launcher. */
@interface ServerConfig {

    String PID = "ai.aragora.server";

    /** How long running debates may finish when the engine stops, before they are handed over (without a job queue: interrupted). */
    int shutdown_grace_seconds() default 30;
}
