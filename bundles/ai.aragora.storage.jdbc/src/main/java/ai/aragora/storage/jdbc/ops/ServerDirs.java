package ai.aragora.storage.jdbc.ops;

/** The server's directories, set by the launcher (PID {@value #PID}). */
public @interface ServerDirs {

    String PID = "ai.aragora.server";

    String data_dir() default "";
}
