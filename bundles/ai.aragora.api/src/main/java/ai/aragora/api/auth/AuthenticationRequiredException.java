package ai.aragora.api.auth;

/** The request carried no valid credentials and the action needs some: 401. */
public class AuthenticationRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthenticationRequiredException(String message) {
        super(message);
    }
}
