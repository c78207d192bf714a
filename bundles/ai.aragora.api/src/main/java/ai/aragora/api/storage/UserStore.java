package ai.aragora.api.storage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/** User accounts. An email belongs to one user; creating a second fails the stage. */
@ProviderType
public interface UserStore {

    CompletionStage<Void> create(User user);

    /** Replaces email, password hash, org, role and token version; false when there is no such user. */
    CompletionStage<Boolean> update(User user);

    /** Invalidates every token issued so far; returns the new version, empty when there is no such user. */
    CompletionStage<Optional<Integer>> bumpTokenVersion(String userId);

    Optional<User> find(String userId);

    /** Case-insensitive. */
    Optional<User> findByEmail(String email);

    /** Oldest first. */
    Page<User> list(String orgId, int offset, int limit);

    /** Deletes the user and their API keys; false when there was none. */
    CompletionStage<Boolean> delete(String userId);
}
