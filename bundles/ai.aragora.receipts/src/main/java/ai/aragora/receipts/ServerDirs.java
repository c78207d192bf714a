package ai.aragora.receipts;

/** The server's directories, set by the launcher (PID {@value #PID}). */
@interface ServerDirs {

    String PID = "ai.aragora.server";

    /** The irreplaceable tier: the signing key lives here. */
    String state_dir() default "";
}
