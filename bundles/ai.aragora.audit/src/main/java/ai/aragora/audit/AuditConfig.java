package ai.aragora.audit;

/** The server's audit directory, set by the launcher from ARAGORA_AUDIT_DIR (PID {@value #PID}). */
@interface AuditConfig {

    String PID = "ai.aragora.server";

    String audit_dir() default "";
}
