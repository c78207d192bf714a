package ai.aragora.storage.sqlite;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** SQLite settings (PID {@value #PID}). The files live in the server's data dir. */
@ObjectClassDefinition(pid = SqliteConfig.PID, name = "Aragora storage: SQLite",
        description = "One SQLite file per store in the data dir, WAL, synchronous=FULL")
@interface SqliteConfig {

    String PID = "ai.aragora.storage.sqlite";

    @AttributeDefinition(description = "How long a connection waits for another process's lock (ms)", min = "0")
    int busy_timeout_ms() default 10_000;

    @AttributeDefinition(description = "Read connections per store (ARAGORA_DB_POOL_SIZE)", min = "1")
    int pool_size() default 8;

    @AttributeDefinition(description = "Seconds a request waits for a pooled connection before it fails (ARAGORA_DB_POOL_TIMEOUT)", min = "1")
    int pool_timeout_seconds() default 30;

    @AttributeDefinition(description = "Most writes committed together in one transaction", min = "1")
    int max_batch() default 512;
}
