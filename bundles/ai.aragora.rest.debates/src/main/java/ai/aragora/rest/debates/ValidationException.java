package ai.aragora.rest.debates;

import java.util.List;

/** A request with invalid fields; all of them are reported at once. */
final class ValidationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FieldError> errors;

    ValidationException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("invalid request: ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError e = errors.get(i);
            sb.append(i == 0 ? "" : "; ").append(e.message().startsWith(e.field()) ? e.message() : e.field() + " " + e.message());
        }
        return sb.toString();
    }
}
