package ai.aragora.api.receipt;

import java.util.List;

/**
 * The outcome of walking a stored receipt chain from its first entry.
 *
 * @param entries how many entries were checked
 * @param problems what is wrong, one line each, empty when the chain holds
 */
public record ChainVerification(long entries, List<String> problems) {

    public ChainVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
