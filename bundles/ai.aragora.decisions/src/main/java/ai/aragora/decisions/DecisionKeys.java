package ai.aragora.decisions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import ai.aragora.api.decision.DecisionRequest;

/**
 * What makes two decisions the same: the normalised input and context (Unicode NFC, runs of
 * whitespace as one space, trimmed; case kept, since it can change meaning), the type, the
 * configuration that changes the answer (agents, rounds, consensus, seed), the workspace, the
 * policy version and the version of every agent it would ask. The digest is the cache key and
 * the decision's {@code request_key}; it never holds the input itself.
 */
final class DecisionKeys {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private DecisionKeys() {
    }

    static String normalise(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").trim();
    }

    /**
     * @param agents the agents the decision would ask, resolved (defaults applied)
     * @param agentVersions the version of each agent now registered
     */
    static String key(DecisionRequest r, List<String> agents, int rounds, String consensus, String policyVersion,
            Map<String, String> agentVersions) {
        Map<String, String> versions = new TreeMap<>();
        for (String agent : agents) {
            versions.put(agent, agentVersions.getOrDefault(agent, "?"));
        }
        StringBuilder canonical = new StringBuilder(256 + r.input().length());
        field(canonical, "input", normalise(r.input()));
        field(canonical, "context", normalise(r.context()));
        field(canonical, "type", r.type().wire());
        field(canonical, "agents", String.join(",", agents));
        field(canonical, "rounds", Integer.toString(rounds));
        field(canonical, "consensus", consensus);
        field(canonical, "seed", Long.toString(r.seed()));
        field(canonical, "workspace", r.workspace());
        field(canonical, "policy", policyVersion);
        field(canonical, "versions", versions.toString());
        return "dk-" + sha256(canonical.toString()).substring(0, 40);
    }

    /** Length-prefixed, so no field's content can pass for another field. */
    private static void field(StringBuilder out, String name, String value) {
        out.append(name).append(':').append(value.length()).append(':').append(value).append('\n');
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
