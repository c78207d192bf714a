package ai.aragora.receipts;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** What an operator may set about receipts (PID {@value #PID}); the launcher maps the environment onto it. */
@ObjectClassDefinition(pid = ReceiptsConfig.PID, name = "Aragora receipts",
        description = "Decision receipts: ODR profile, signing key, Merkle log checkpoints")
@interface ReceiptsConfig {

    String PID = "ai.aragora.receipts";

    @AttributeDefinition(description = "ODR profile of new receipts (ARAGORA_ODR_PROFILE_VERSION)",
            options = {@Option(value = "0.2", label = "0.2"), @Option(value = "0.1", label = "0.1")})
    String odr_version() default "0.2";

    @AttributeDefinition(description = "PKCS#8 PEM Ed25519 private key file (ARAGORA_ODR_SIGNING_KEY_FILE); "
            + "empty: a key is generated into the state dir on first start")
    String signing_key_file() default "";

    @AttributeDefinition(description = "Issuer written into (and signed with) v0.2 signatures")
    String issuer() default "aragora";

    @AttributeDefinition(description = "Sign a Merkle log checkpoint after this many new receipts", min = "1")
    int checkpoint_every() default 256;

    @AttributeDefinition(description = "Sign a checkpoint at least this often (seconds) while receipts arrive", min = "1")
    int checkpoint_interval_seconds() default 60;

    @AttributeDefinition(description = "Receipts kept whole in memory while no storage bundle provides a receipt store"
            + " (the memory feature); an older one keeps only its chain entry, so the chain still verifies", min = "1")
    int memory_max_receipts() default 1000;
}
