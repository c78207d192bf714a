package ai.aragora.webhooks.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The three signatures every delivery carries. The runbook's {@code X-Webhook-Signature} and
 * Aragora's {@code X-Aragora-Signature}: {@code sha256=} and the hex HMAC-SHA256 of the body under
 * the secret's bytes, with the newest secret. Standard Webhooks 1.0: {@code webhook-signature}
 * holds {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body} under the key (the
 * base64 after {@code whsec_}), one entry per active secret, so a receiver still on the old
 * secret verifies during a rotation's overlap.
 */
public final class Signatures {

    static final String WHSEC = "whsec_";

    private Signatures() {
    }

    /** The signature headers of a body; none when there is no secret. */
    public static Map<String, String> headers(String deliveryId, String eventType, long unixSeconds, byte[] body,
            List<String> secrets) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Aragora-Event", eventType);
        h.put("X-Aragora-Delivery", deliveryId);
        h.put("X-Aragora-Timestamp", Long.toString(unixSeconds));
        h.put("webhook-id", deliveryId);
        h.put("webhook-timestamp", Long.toString(unixSeconds));
        if (secrets.isEmpty()) {
            return h;
        }
        String hex = "sha256=" + HexFormat.of().formatHex(hmac(secrets.get(0).getBytes(StandardCharsets.UTF_8), body));
        h.put("X-Webhook-Signature", hex);
        h.put("X-Aragora-Signature", hex);
        byte[] prefix = (deliveryId + "." + unixSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        List<String> entries = new ArrayList<>();
        for (String secret : secrets) {
            entries.add("v1," + Base64.getEncoder().encodeToString(hmac(standardKey(secret), signed)));
        }
        h.put("webhook-signature", String.join(" ", entries));
        return h;
    }

    /** The Standard Webhooks key: the bytes the base64 after {@code whsec_} encodes, else the secret's own bytes. */
    static byte[] standardKey(String secret) {
        if (secret.startsWith(WHSEC)) {
            try {
                return Base64.getDecoder().decode(secret.substring(WHSEC.length()));
            } catch (IllegalArgumentException notBase64) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
