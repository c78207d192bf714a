package ai.aragora.stream;

/**
 * An event as the stream sends it, encoded once for every client and every instance, with what
 * routing needs beside the JSON: the debate, its org (null when unknown) and the sequence number.
 *
 * <p>On the cluster bus it travels as four header lines (debate, org or empty, seq, whether it
 * ends the debate) before the JSON, so a receiver routes it without parsing the JSON again.
 */
record StreamEvent(String debateId, String orgId, long seq, boolean last, String json) {

    String payload() {
        return debateId + '\n' + (orgId == null ? "" : orgId) + '\n' + seq + '\n' + (last ? '1' : '0') + '\n' + json;
    }

    /** Null for a payload that is not one: a newer or foreign publisher on the same channel. */
    static StreamEvent parse(String payload) {
        int a = payload.indexOf('\n');
        int b = a < 0 ? -1 : payload.indexOf('\n', a + 1);
        int c = b < 0 ? -1 : payload.indexOf('\n', b + 1);
        int d = c < 0 ? -1 : payload.indexOf('\n', c + 1);
        if (d < 0 || a == 0) {
            return null;
        }
        try {
            long seq = Long.parseLong(payload, b + 1, c, 10);
            String org = payload.substring(a + 1, b);
            return seq < 1 ? null : new StreamEvent(payload.substring(0, a), org.isEmpty() ? null : org, seq,
                    payload.charAt(c + 1) == '1', payload.substring(d + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
