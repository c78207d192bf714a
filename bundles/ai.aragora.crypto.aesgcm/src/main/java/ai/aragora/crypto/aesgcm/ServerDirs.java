package ai.aragora.crypto.aesgcm;

/** The server's directories, set by the launcher (PID {@value #PID}). */
@interface ServerDirs {

    String PID = "ai.aragora.server";

    /** Where the per-key encryption counts are kept across restarts. */
    String state_dir() default "";
}
