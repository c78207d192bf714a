package ai.aragora.storage.jdbc.ops;

import java.time.Instant;
import java.util.Map;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;

/** Records what an operator did through a storage command: the OS user, from the command line. */
final class OperatorAudit {

    private OperatorAudit() {
    }

    static void record(AuditLog log, String action, String target, String outcome, Map<String, String> details) {
        if (log == null) {
            return;
        }
        AuditEvent event = new AuditEvent(Instant.now(), "os:" + System.getProperty("user.name", "unknown"), action, target,
                outcome, "cli", details);
        log.record(event).toCompletableFuture().join();
    }
}
