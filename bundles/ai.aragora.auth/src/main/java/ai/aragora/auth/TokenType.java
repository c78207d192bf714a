package ai.aragora.auth;

import com.nimbusds.jose.JOSEObjectType;

/**
 * The two kinds of token, told apart by the JOSE {@code typ} header (RFC 8725 3.11) and a
 * {@code type} claim, so neither can stand in for the other.
 */
enum TokenType {
    ACCESS(new JOSEObjectType("at+jwt"), "access"),
    REFRESH(new JOSEObjectType("refresh+jwt"), "refresh");

    final JOSEObjectType header;
    final String claim;

    TokenType(JOSEObjectType header, String claim) {
        this.header = header;
        this.claim = claim;
    }
}
