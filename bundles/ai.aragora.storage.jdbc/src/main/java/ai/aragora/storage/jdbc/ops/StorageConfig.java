package ai.aragora.storage.jdbc.ops;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What an operator may set about storage whatever the backend (PID {@value #PID}). */
@ObjectClassDefinition(pid = StorageConfig.PID, name = "Aragora storage", description = "Migrations and receipt retention")
public @interface StorageConfig {

    String PID = "ai.aragora.storage";

    @AttributeDefinition(description = "Apply pending migrations when the backend starts (ARAGORA_DB_AUTO_MIGRATE)")
    boolean auto_migrate() default true;

    @AttributeDefinition(description = "Keep receipts this many days (ARAGORA_RECEIPT_RETENTION_DAYS)", min = "1")
    int receipt_retention_days() default 2555;

    @AttributeDefinition(description = "Run receipt retention every this many hours (ARAGORA_RECEIPT_CLEANUP_INTERVAL_HOURS)", min = "1")
    int receipt_cleanup_interval_hours() default 24;
}
