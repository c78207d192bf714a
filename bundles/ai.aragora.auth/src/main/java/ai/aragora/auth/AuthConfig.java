package ai.aragora.auth;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Secrets and token lifetimes, set by the launcher from ARAGORA_API_TOKEN, ARAGORA_JWT_SECRET
 * (or the state dir), ARAGORA_JWT_EXPIRY_HOURS and ARAGORA_REFRESH_TOKEN_EXPIRY_DAYS. Secrets are
 * passwords to the console, which never displays them, and private properties (their names
 * start with a dot: {@code .admin.token}), which DS never copies onto service properties.
 */
@ObjectClassDefinition(name = "Aragora authentication", description = "Secrets, token lifetimes, registration")
@interface AuthConfig {

    String PID = "ai.aragora.auth";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Admin token (console password, admin bearer token)")
    String _admin_token();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "HS256 secret for JWTs, 32 characters or more")
    String _jwt_secret();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Session secret")
    String _session_secret();

    @AttributeDefinition(description = "Lifetime of access tokens, in hours")
    int jwt_expiry_hours() default 24;

    @AttributeDefinition(description = "Lifetime of refresh tokens, in days")
    int refresh_token_expiry_days() default 30;

    @AttributeDefinition(description = "Issuer (iss) of the tokens this server signs and accepts")
    String issuer() default "aragora";

    @AttributeDefinition(description = "Audience (aud) of the tokens this server signs and accepts")
    String audience() default "aragora-api";

    @AttributeDefinition(description = "Whether anyone may register (each registration creates an org it owns)")
    boolean registration_open() default true;
}
