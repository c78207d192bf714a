package ai.aragora.crypto.aesgcm;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Keys and limits, set by the launcher from ARAGORA_ENCRYPTION_KEY (or the development key in the
 * state dir) and ARAGORA_ENCRYPTION_KEY_LIMIT. The keys are a private property ({@code .keys}):
 * DS never copies it onto service properties and the console masks it.
 */
@ObjectClassDefinition(pid = AesGcmConfig.PID, name = "Aragora field encryption (AES-256-GCM)", description = "Encryption keys and their limits")
@interface AesGcmConfig {

    String PID = "ai.aragora.crypto.aesgcm";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Keys, 64 hex characters each, the one new encryptions use first")
    String[] _keys();

    @AttributeDefinition(description = "Encryptions per key before new ones are refused (NIST SP 800-38D: well below 2^32)")
    long key_limit() default 1_000_000_000L;

    @AttributeDefinition(description = "Encryptions counted ahead per write of the usage file; a crash loses at most this many of the limit")
    int usage_reserve() default 10_000;
}
