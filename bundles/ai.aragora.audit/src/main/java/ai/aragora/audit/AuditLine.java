package ai.aragora.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aragora.api.audit.AuditEvent;

/**
 * One line of the audit log and its link. The line is a JSON object whose members come in a
 * fixed order and end with {@code "hash"}: the SHA-256 hex of every byte of the line before
 * {@code ,"hash":}, which includes {@code "prev"}, the previous line's hash. Detail values whose
 * names suggest a secret are replaced before anything is written.
 */
final class AuditLine {

    static final String GENESIS = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|passwd|secret|token|api[_-]?key|private|hash|authorization|cookie|credential|session).*");
    private static final int MAX_DETAILS = 32;
    private static final int MAX_VALUE = 1024;
    private static final int MAX_KEY = 64;

    /** What a verified line says about its place in the chain. */
    record Link(long seq, String prev, String hash) {
    }

    private AuditLine() {
    }

    static String render(AuditEvent event, long seq, String prev) {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", seq);
        node.put("ts", event.at().toString());
        node.put("actor", clip(event.actor()));
        node.put("action", clip(event.action()));
        node.put("target", clip(event.target()));
        node.put("outcome", clip(event.outcome()));
        node.put("source", clip(event.source()));
        ObjectNode details = node.putObject("details");
        new TreeMap<>(event.details()).entrySet().stream().limit(MAX_DETAILS)
                .forEach(e -> details.put(key(e.getKey()), redact(e.getKey(), e.getValue())));
        node.put("prev", prev);
        String body;
        try {
            body = JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit line cannot be encoded", e);
        }
        body = body.substring(0, body.length() - 1);
        return body + HASH_MEMBER + sha256(body) + "\"}";
    }

    /** @throws IllegalArgumentException saying what is wrong with the line */
    static Link parse(String line) {
        int at = line.lastIndexOf(HASH_MEMBER);
        if (at < 0 || !line.endsWith("\"}")) {
            throw new IllegalArgumentException("not an audit line");
        }
        String body = line.substring(0, at);
        String hash = line.substring(at + HASH_MEMBER.length(), line.length() - 2);
        if (!sha256(body).equals(hash)) {
            throw new IllegalArgumentException("its hash does not match its content");
        }
        try {
            JsonNode node = JSON.readTree(body + "}");
            return new Link(node.path("seq").asLong(-1), node.path("prev").asText(""), hash);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
    }

    static String redact(String name, String value) {
        if (value == null) {
            return "";
        }
        return SECRET.matcher(name).matches() ? "[redacted]" : clip(value);
    }

    private static String key(String name) {
        return name.length() > MAX_KEY ? name.substring(0, MAX_KEY) : name;
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) : s;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
