package ai.aragora.api.storage;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A user account. {@code passwordHash} is the encoded hash (algorithm and salt included), never
 * a password; {@code tokenVersion} increases to invalidate every token issued before. The
 * email is kept in lower case: it is the login name.
 */
public record User(String id, String email, String passwordHash, String orgId, String role, int tokenVersion,
        Instant createdAt, Instant updatedAt) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        email = email.trim().toLowerCase(Locale.ROOT);
        if (email.isEmpty() || email.length() > 320 || !email.contains("@")) {
            throw new IllegalArgumentException("email must look like name@domain");
        }
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
        if (tokenVersion < 0) {
            throw new IllegalArgumentException("tokenVersion must not be negative");
        }
    }

    /** Without the password hash: records print every component otherwise. */
    @Override
    public String toString() {
        return "User[id=" + id + ", email=" + email + ", orgId=" + orgId + ", role=" + role + ", tokenVersion="
                + tokenVersion + ", passwordHash=" + (passwordHash == null ? "none" : "[redacted]") + "]";
    }
}
