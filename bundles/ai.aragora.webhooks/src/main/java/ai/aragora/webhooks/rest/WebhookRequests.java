package ai.aragora.webhooks.rest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;

import ai.aragora.webhooks.events.EventCatalog;
import ai.aragora.webhooks.secret.SigningSecrets;

/** Reads and checks the fields of a subscription request; every problem is a 400 naming the field. */
final class WebhookRequests {

    static final int MAX_HEADERS = 20;
    static final int MAX_DESCRIPTION = 500;
    private static final Pattern SINK = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}");
    /** Headers the HTTP client or the signatures own. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "connection", "expect",
            "upgrade", "transfer-encoding", "user-agent", "x-aragora-event", "x-aragora-delivery", "x-aragora-timestamp",
            "x-aragora-signature", "x-webhook-signature", "webhook-id", "webhook-timestamp", "webhook-signature");

    private WebhookRequests() {
    }

    static Map<String, Object> body(Map<String, Object> body) {
        if (body == null) {
            throw new BadRequestException("a JSON object body is required");
        }
        return body;
    }

    static String text(Map<String, Object> body, String field, int max) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new BadRequestException(field + " must be a string");
        }
        if (s.length() > max) {
            throw new BadRequestException(field + " must be at most " + max + " characters");
        }
        return s;
    }

    /** Dotted event names from the catalogue; empty, absent or {@code ["*"]} for every event. */
    static List<String> events(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new BadRequestException("events must be a list of event types (GET /api/v1/webhooks/events)");
        }
        List<String> out = new ArrayList<>();
        for (Object e : list) {
            if (!(e instanceof String s)) {
                throw new BadRequestException("events must be a list of strings");
            }
            if (s.equals("*")) {
                return List.of();
            }
            if (EventCatalog.callbackOnly(s)) {
                throw new BadRequestException("'" + s + "' is sent only to the callback_url of a decision request, not to subscriptions");
            }
            if (!EventCatalog.known(s)) {
                throw new BadRequestException("unknown event type '" + clip(s) + "' (GET /api/v1/webhooks/events lists them)");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    static String sink(Object raw) {
        if (raw == null) {
            return "http";
        }
        if (!(raw instanceof String s) || !SINK.matcher(s).matches()) {
            throw new BadRequestException("sink must be a sink kind like http or slack");
        }
        return s;
    }

    static Map<String, String> headers(Object raw) {
        if (raw == null) {
            return Map.of();
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw new BadRequestException("headers must be an object of header names to values");
        }
        if (map.size() > MAX_HEADERS) {
            throw new BadRequestException("at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = String.valueOf(e.getKey());
            if (!HEADER.matcher(name).matches()) {
                throw new BadRequestException("header '" + clip(name) + "' is not a valid header name");
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                throw new BadRequestException("header '" + name + "' is set by the server");
            }
            if (!(e.getValue() instanceof String v) || v.length() > 1000 || v.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new BadRequestException("header '" + name + "' needs a printable string value of at most 1000 characters");
            }
            out.put(name, v);
        }
        return out;
    }

    /** A secret the client chose, checked; null when it chose none. */
    static String secret(Object raw) {
        if (raw == null) {
            return null;
        }
        if (!(raw instanceof String s)) {
            throw new BadRequestException("secret must be a string");
        }
        String problem = SigningSecrets.problem(s);
        if (problem != null) {
            throw new BadRequestException(problem);
        }
        return s;
    }

    static boolean bool(Object raw, String field) {
        if (!(raw instanceof Boolean b)) {
            throw new BadRequestException(field + " must be true or false");
        }
        return b;
    }

    static void page(int limit, int offset, int maxLimit) {
        if (limit < 1 || limit > maxLimit) {
            throw new BadRequestException("limit must be between 1 and " + maxLimit + ", got " + limit);
        }
        if (offset < 0) {
            throw new BadRequestException("offset must not be negative, got " + offset);
        }
    }

    static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
