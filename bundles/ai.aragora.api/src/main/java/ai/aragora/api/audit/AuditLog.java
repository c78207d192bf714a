package ai.aragora.api.audit;

import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** Append-only, hash-chained audit trail. A stage completes once the entry is durable. */
@ProviderType
public interface AuditLog {

    CompletionStage<Void> record(AuditEvent event);

    /** Re-reads every entry and checks each link of the chain. */
    AuditVerification verify();
}
