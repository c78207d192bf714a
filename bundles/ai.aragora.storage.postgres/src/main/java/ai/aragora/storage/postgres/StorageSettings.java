package ai.aragora.storage.postgres;

/** What this bundle reads of the storage configuration (PID ai.aragora.storage). */
@interface StorageSettings {

    String PID = "ai.aragora.storage";

    boolean auto_migrate() default true;
}
