package ai.aragora.api.receipt;

/**
 * A receipt could not be issued, stored, read or rendered. The message is fit for an operator
 * and never carries key material.
 */
public class ReceiptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReceiptException(String message) {
        super(message);
    }

    public ReceiptException(String message, Throwable cause) {
        super(message, cause);
    }
}
