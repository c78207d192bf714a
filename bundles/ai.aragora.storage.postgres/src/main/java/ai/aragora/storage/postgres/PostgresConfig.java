package ai.aragora.storage.postgres;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PostgreSQL settings (PID {@value #PID}); the launcher fills url, user and password from
 * DATABASE_URL, and the knowledge ones from KNOWLEDGE_MOUND_DATABASE_URL. Passwords are metatype
 * passwords: consoles never show them.
 */
@ObjectClassDefinition(pid = PostgresConfig.PID, name = "Aragora storage: PostgreSQL",
        description = "Every store in one PostgreSQL database, shared by every instance")
@interface PostgresConfig {

    String PID = "ai.aragora.storage.postgres";

    @AttributeDefinition(description = "JDBC URL without credentials, e.g. jdbc:postgresql://db:5432/aragora")
    String url() default "";

    @AttributeDefinition(description = "Database user")
    String user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Database password")
    String _password() default "";

    @AttributeDefinition(description = "JDBC URL of a database of the Knowledge Mound's own (KNOWLEDGE_MOUND_DATABASE_URL); empty keeps it in the one above")
    String knowledge_url() default "";

    @AttributeDefinition(description = "User of the Knowledge Mound's database")
    String knowledge_user() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Password of the Knowledge Mound's database")
    String _knowledge_password() default "";

    @AttributeDefinition(description = "Schema holding Aragora's tables (created when missing)")
    String schema() default "public";

    @AttributeDefinition(description = "Connections in the pool (ARAGORA_DB_POOL_SIZE)", min = "2")
    int pool_size() default 10;

    @AttributeDefinition(description = "Seconds a request waits for a pooled connection before it fails (ARAGORA_DB_POOL_TIMEOUT)", min = "1")
    int pool_timeout_seconds() default 30;

    @AttributeDefinition(description = "Writer threads of the aragora store (debates, receipts, ratings), each committing its own groups; the other stores have one", min = "1")
    int writer_threads() default 4;

    @AttributeDefinition(description = "Most writes committed together in one transaction", min = "1")
    int max_batch() default 256;
}
