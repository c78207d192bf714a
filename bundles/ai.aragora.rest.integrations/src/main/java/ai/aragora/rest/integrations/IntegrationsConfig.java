package ai.aragora.rest.integrations;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(pid = IntegrationsConfig.PID, name = "Aragora integrations", description = "Sensitive fields and the read cache")
@interface IntegrationsConfig {

    String PID = "ai.aragora.rest.integrations";

    @AttributeDefinition(description = "Field names sealed besides api_key, secret, password, token, access_token,"
            + " refresh_token, client_secret, private_key and names ending in _<one of them>")
    String[] sensitive_fields() default {};

    @AttributeDefinition(description = "How long a read integration is served from memory, in seconds (0: never);"
            + " writes through this server drop it at once, writes through another server after this long")
    int cache_ttl_seconds() default 5;

    @AttributeDefinition(description = "Integrations kept in the read cache")
    int cache_max_entries() default 10_000;
}
