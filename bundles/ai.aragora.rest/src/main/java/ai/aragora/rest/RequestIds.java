package ai.aragora.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.MDC;

/** Request ids: echoed when a client sends a sane one, generated otherwise, carried in the log context. */
final class RequestIds {

    static final String HEADER = "X-Request-ID";
    static final String MDC_KEY = "request_id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String accept(String offered) {
        return offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }

    /** The id of the request being served on this thread, if any. */
    static String current() {
        return MDC.get(MDC_KEY);
    }
}
