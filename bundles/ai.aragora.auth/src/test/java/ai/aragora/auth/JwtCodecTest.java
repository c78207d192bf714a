package ai.aragora.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;

import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** The JWT attack suite: every forgery and confusion a client could try is refused. */
class JwtCodecTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef-test-secret";
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final JwtCodec codec = codec(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    private static JwtCodec codec(String secret, Clock clock) {
        return new JwtCodec(secret, "aragora", "aragora-api", Duration.ofHours(24), Duration.ofDays(30), clock);
    }

    private String access() {
        return codec.issue(TokenType.ACCESS, "u-1", "ada@example.com", "org-a", "member", 3);
    }

    private String reason(String token, TokenType expected) {
        return catchThrowableOfType(InvalidTokenException.class, () -> codec.verify(token, expected)).reason();
    }

    @Test
    void aTokenItIssuedVerifies() throws Exception {
        JwtCodec.Claims claims = codec.verify(access(), TokenType.ACCESS);
        assertThat(claims.subject()).isEqualTo("u-1");
        assertThat(claims.orgId()).isEqualTo("org-a");
        assertThat(claims.role()).isEqualTo("member");
        assertThat(claims.tokenVersion()).isEqualTo(3);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    }

    @Test
    void algNoneIsRefused() {
        String[] parts = access().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(reason(none + "." + parts[1] + ".", TokenType.ACCESS)).isNotBlank();
        assertThat(reason(none + "." + parts[1] + "." + parts[2], TokenType.ACCESS)).isNotBlank();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        String forged = codec("another-secret-of-at-least-thirty-two-bytes!", Clock.fixed(NOW, ZoneOffset.UTC))
                .issue(TokenType.ACCESS, "u-1", "ada@example.com", "org-a", "owner", 3);
        assertThat(reason(forged, TokenType.ACCESS)).isEqualTo("signature does not verify");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] parts = access().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("member", "owner");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(reason(tampered, TokenType.ACCESS)).isEqualTo("signature does not verify");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String old = codec(SECRET, Clock.fixed(NOW.minus(Duration.ofHours(25)), ZoneOffset.UTC))
                .issue(TokenType.ACCESS, "u-1", "ada@example.com", "org-a", "member", 3);
        assertThat(reason(old, TokenType.ACCESS)).isEqualTo("expired");
    }

    @Test
    void aTokenFromTheFutureIsRefused() {
        String future = codec(SECRET, Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC))
                .issue(TokenType.ACCESS, "u-1", "ada@example.com", "org-a", "member", 3);
        assertThat(reason(future, TokenType.ACCESS)).isEqualTo("issued in the future");
    }

    @Test
    void refreshAndAccessTokensAreNeverInterchangeable() {
        String refresh = codec.issue(TokenType.REFRESH, "u-1", "ada@example.com", "org-a", "member", 3);
        assertThat(reason(refresh, TokenType.ACCESS)).contains("token type");
        assertThat(reason(access(), TokenType.REFRESH)).contains("token type");
    }

    @Test
    void aTypeClaimThatContradictsTheHeaderIsRefused() throws Exception {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build(),
                claims().claim("type", "refresh").build(), SECRET);
        assertThat(reason(token, TokenType.ACCESS)).isEqualTo("type claim does not match");
    }

    @Test
    void otherAlgorithmsAreRefusedEvenWithTheRightKey() throws Exception {
        String hs512 = sign(new JWSHeader.Builder(JWSAlgorithm.HS512).type(new JOSEObjectType("at+jwt")).build(),
                claims().build(), SECRET + SECRET);
        assertThat(reason(hs512, TokenType.ACCESS)).contains("algorithm HS512");
    }

    @Test
    void aMissingTypeHeaderIsRefused() throws Exception {
        String untyped = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), claims().build(), SECRET);
        assertThat(reason(untyped, TokenType.ACCESS)).contains("token type");
    }

    @Test
    void wrongIssuerOrAudienceIsRefused() throws Exception {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).build();
        assertThat(reason(sign(header, claims().issuer("someone-else").build(), SECRET), TokenType.ACCESS)).contains("issuer");
        assertThat(reason(sign(header, claims().audience("another-api").build(), SECRET), TokenType.ACCESS)).contains("audience");
    }

    @Test
    void garbageIsRefused() {
        assertThat(reason("not.a.jwt", TokenType.ACCESS)).isEqualTo("not a signed JWT");
        assertThat(reason("", TokenType.ACCESS)).isEqualTo("not a signed JWT");
        assertThat(reason("a.b", TokenType.ACCESS)).isEqualTo("not a signed JWT");
    }

    @Test
    void aShortSecretIsRejectedUpFront() {
        assertThatThrownBy(() -> codec("short", Clock.systemUTC())).hasMessageContaining("at least 32");
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("aragora").audience("aragora-api").subject("u-1")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(600)))
                .claim("type", "access").claim("tv", 3).claim("org_id", "org-a").claim("role", "owner");
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims, String secret) throws Exception {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
