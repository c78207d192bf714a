package ai.aragora.console;

/**
 * The admin token from the server's secrets configuration (its metatype, which marks it as a
 * password the console never displays, belongs to the auth bundle).
 */
@interface AuthSecrets {

    String PID = "ai.aragora.auth";

    String _admin_token();
}
