package ai.aragora.storage.postgres;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Knowledge Mound's PostgreSQL database beside SQLite storage (PID {@value #PID}); the
 * launcher fills it from KNOWLEDGE_MOUND_DATABASE_URL when the storage is SQLite. With PostgreSQL
 * storage the same variable goes to {@link PostgresConfig} instead.
 */
@ObjectClassDefinition(pid = SeparateKnowledgeConfig.PID, name = "Aragora storage: the Knowledge Mound on PostgreSQL",
        description = "The knowledge_mound store in a PostgreSQL database of its own while the other stores stay in SQLite files")
@interface SeparateKnowledgeConfig {

    String PID = "ai.aragora.storage.postgres.knowledge";

    @AttributeDefinition(description = "JDBC URL without credentials, e.g. jdbc:postgresql://db:5432/knowledge")
    String url() default "";

    @AttributeDefinition(description = "Database user")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password")
    String _password() default "";

    @AttributeDefinition(description = "Schema holding the mound's tables (created when missing)")
    String schema() default "public";

    @AttributeDefinition(description = "Connections in the pool", min = "2")
    int pool_size() default 4;

    @AttributeDefinition(description = "Seconds a request waits for a pooled connection before it fails", min = "1")
    int pool_timeout_seconds() default 30;

    @AttributeDefinition(description = "Most writes committed together in one transaction", min = "1")
    int max_batch() default 256;
}
