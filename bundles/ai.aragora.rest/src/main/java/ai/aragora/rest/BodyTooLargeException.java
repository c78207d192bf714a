package ai.aragora.rest;

import java.io.IOException;

/** A request body that went past the limit while being read (chunked bodies have no length up front). */
final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
    }
}
