package ai.aragora.api.audit;

import java.util.List;

/** The result of checking the whole audit chain: files and lines read and every break found. */
public record AuditVerification(int files, long entries, List<String> problems) {

    public AuditVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
