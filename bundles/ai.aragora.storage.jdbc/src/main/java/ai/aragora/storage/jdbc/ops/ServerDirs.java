package ai.aragora.storage.jdbc.ops;

/** The server's directories, set by the launcher (PID {@value #PID}). */
public @interface ServerDirs {

    String PID = "ai.aragora.server";

    String data_dir() default "";

    /**
     * Whether the operator set {@code ARAGORA_ENCRYPTION_KEY}; false when the key is the one
     * generated into the state dir in development, which a backup must not depend on.
     */
    boolean encryption_key_configured() default false;
}
