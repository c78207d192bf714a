package ai.aragora.storage.sqlite;

/** What this bundle reads of the server's and the storage configuration (PIDs ai.aragora.server, ai.aragora.storage). */
@interface ServerSettings {

    String SERVER_PID = "ai.aragora.server";
    String STORAGE_PID = "ai.aragora.storage";

    String data_dir() default "";

    boolean auto_migrate() default true;
}
