package ai.aragora.auth;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 JWTs as RFC 8725 asks: one algorithm, pinned; explicit types that keep access and
 * refresh tokens apart; issuer, audience, expiry and issue time always checked.
 */
final class JwtCodec {

    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.HS256;
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    static final int MIN_SECRET_BYTES = 32;

    record Claims(String subject, String email, String orgId, String role, int tokenVersion, TokenType type,
            Instant issuedAt, Instant expiresAt, String jwtId) {
    }

    /** Built once: both are thread-safe and the key never changes for a codec. */
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final String issuer;
    private final String audience;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final Clock clock;

    JwtCodec(String secret, String issuer, String audience, Duration accessTtl, Duration refreshTtl, Clock clock) {
        byte[] bytes = Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        try {
            this.signer = new MACSigner(bytes);
            this.verifier = new MACVerifier(bytes);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the JWT secret is not a usable HS256 key", e);
        }
        this.issuer = issuer;
        this.audience = audience;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
    }

    Duration ttl(TokenType type) {
        return type == TokenType.ACCESS ? accessTtl : refreshTtl;
    }

    String issue(TokenType type, String subject, String email, String orgId, String role, int tokenVersion) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl(type))))
                .jwtID(UUID.randomUUID().toString())
                .claim("email", email)
                .claim("org_id", orgId)
                .claim("role", role)
                .claim("type", type.claim)
                .claim("tv", tokenVersion)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ALGORITHM).type(type.header).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing with a valid HS256 key cannot fail", e);
        }
        return jwt.serialize();
    }

    Claims verify(String token, TokenType expected) throws InvalidTokenException {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new InvalidTokenException("not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (!ALGORITHM.equals(header.getAlgorithm())) {
            throw new InvalidTokenException("algorithm " + header.getAlgorithm() + " is not accepted");
        }
        if (!expected.header.equals(header.getType())) {
            throw new InvalidTokenException("token type " + header.getType() + " where " + expected.header + " was expected");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("signature does not verify");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("signature cannot be verified: " + e.getClass().getSimpleName());
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("claims are not valid JSON");
        }
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("issuer " + claims.getIssuer() + " is not " + issuer);
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw new InvalidTokenException("audience does not include " + audience);
        }
        Date exp = claims.getExpirationTime();
        if (exp == null || exp.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new InvalidTokenException("expired");
        }
        Date iat = claims.getIssueTime();
        if (iat == null || iat.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new InvalidTokenException("issued in the future");
        }
        try {
            if (!expected.claim.equals(claims.getStringClaim("type"))) {
                throw new InvalidTokenException("type claim does not match");
            }
            Long tv = claims.getLongClaim("tv");
            String subject = claims.getSubject();
            if (subject == null || subject.isBlank() || tv == null) {
                throw new InvalidTokenException("subject or token version missing");
            }
            return new Claims(subject, claims.getStringClaim("email"), claims.getStringClaim("org_id"),
                    claims.getStringClaim("role"), tv.intValue(), expected, iat.toInstant(), exp.toInstant(), claims.getJWTID());
        } catch (ParseException e) {
            throw new InvalidTokenException("a claim has the wrong type");
        }
    }
}
