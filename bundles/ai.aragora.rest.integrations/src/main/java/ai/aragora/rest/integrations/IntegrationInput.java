package ai.aragora.rest.integrations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;

/**
 * An integration's config dict as a client sends it, checked and split: {@code name} and
 * {@code enabled} describe the integration, sensitive fields become credentials (sealed before
 * they are stored), everything else settings. Every problem is reported at once, naming the
 * field, never echoing a credential.
 */
final class IntegrationInput {

    static final Set<String> TYPES = Set.of("slack", "teams", "discord", "email", "gmail", "github", "jira", "linear", "notion",
            "pagerduty", "webhook", "zapier", "n8n", "generic");
    static final Set<String> SENSITIVE = Set.of("api_key", "secret", "password", "token", "access_token", "refresh_token",
            "client_secret", "private_key");
    static final int MAX_FIELDS = 64;
    static final int MAX_TEXT = 4096;
    static final int MAX_CREDENTIAL = 16_384;
    static final int MAX_LIST = 100;
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** A field present with a null value: a PATCH removing it. */
    static final Object REMOVE = new Object();

    record Parsed(String name, Boolean enabled, Map<String, Object> settings, Map<String, Object> credentials) {
    }

    private final Set<String> extraSensitive;

    IntegrationInput(Set<String> extraSensitive) {
        this.extraSensitive = Set.copyOf(extraSensitive);
    }

    static String type(String provider) {
        if (provider == null || !TYPES.contains(provider)) {
            throw new BadRequestException("unknown integration type '" + clip(provider) + "' (expected one of "
                    + String.join(", ", TYPES.stream().sorted().toList()) + ")");
        }
        return provider;
    }

    boolean sensitive(String field) {
        if (SENSITIVE.contains(field) || extraSensitive.contains(field)) {
            return true;
        }
        for (String s : SENSITIVE) {
            if (field.endsWith("_" + s)) {
                return true;
            }
        }
        return false;
    }

    /** @param partial a PATCH: null values remove fields ({@link #REMOVE}); otherwise null is refused */
    Parsed parse(Map<String, Object> body, boolean partial) {
        if (body == null) {
            throw new BadRequestException("the body must be a JSON object of the integration's configuration");
        }
        List<String> problems = new ArrayList<>();
        if (body.size() > MAX_FIELDS) {
            problems.add("at most " + MAX_FIELDS + " fields, got " + body.size());
        }
        String name = null;
        Boolean enabled = null;
        Map<String, Object> settings = new LinkedHashMap<>();
        Map<String, Object> credentials = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String field = e.getKey();
            Object value = e.getValue();
            if (!FIELD.matcher(field).matches()) {
                problems.add("field '" + clip(field) + "': names are lowercase letters, digits and _, starting with a letter, at most 64");
            } else if (field.equals("name")) {
                if (!(value instanceof String s) || s.isBlank() || s.length() > 100) {
                    problems.add("name: a text of 1 to 100 characters");
                } else {
                    name = s.strip();
                }
            } else if (field.equals("enabled")) {
                if (!(value instanceof Boolean b)) {
                    problems.add("enabled: true or false");
                } else {
                    enabled = b;
                }
            } else if (value == null) {
                if (partial) {
                    (sensitive(field) ? credentials : settings).put(field, REMOVE);
                } else {
                    problems.add(field + ": null is only meaningful in an update (it removes the field)");
                }
            } else if (sensitive(field)) {
                if (!(value instanceof String s) || s.isEmpty() || s.length() > MAX_CREDENTIAL) {
                    problems.add(field + ": a credential is a non-empty text of at most " + MAX_CREDENTIAL + " characters");
                } else {
                    credentials.put(field, s);
                }
            } else {
                String problem = settingProblem(value);
                if (problem != null) {
                    problems.add(field + ": " + problem);
                } else {
                    settings.put(field, value);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRequestException("invalid integration: " + String.join("; ", problems));
        }
        return new Parsed(name, enabled, settings, credentials);
    }

    private static String settingProblem(Object value) {
        if (value instanceof String s) {
            return s.length() <= MAX_TEXT ? null : "at most " + MAX_TEXT + " characters";
        }
        if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            return null;
        }
        if (value instanceof Number n) {
            return Double.isFinite(n.doubleValue()) ? null : "a finite number";
        }
        if (value instanceof List<?> list) {
            if (list.size() > MAX_LIST || !list.stream().allMatch(v -> v instanceof String s && s.length() <= MAX_TEXT)) {
                return "a list of at most " + MAX_LIST + " texts of at most " + MAX_TEXT + " characters";
            }
            return null;
        }
        return "a text, number, boolean or list of texts (nested objects are not settings)";
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
