package ai.aragora.storage.jdbc.ops;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.aragora.api.audit.AuditEvent;
import ai.aragora.api.audit.AuditLog;

/** Records what an operator did through a storage command: the OS user, from the command line. */
final class OperatorAudit {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorAudit.class);

    private OperatorAudit() {
    }

    /**
     * Waits until the record is durable. A record that cannot be written is a warning, never
     * the operation's failure: by now the backup or cleanup has happened, and saying otherwise
     * would have it repeated.
     */
    static void record(AuditLog log, String action, String target, String outcome, Map<String, String> details) {
        if (log == null) {
            return;
        }
        AuditEvent event = new AuditEvent(Instant.now(), "os:" + System.getProperty("user.name", "unknown"), action, target,
                outcome, "cli", details);
        try {
            log.record(event).toCompletableFuture().join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            // what went wrong, not the event: its target and details stay out of the log
            LOG.warn("{} ({}) done, but its audit record was not written: {}: {}", action, outcome,
                    cause.getClass().getSimpleName(), cause.getMessage());
        }
    }
}
