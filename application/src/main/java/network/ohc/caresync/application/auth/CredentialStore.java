package network.ohc.caresync.application.auth;

import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port: the stored credentials, tokens encrypted at rest. */
public interface CredentialStore {

    Optional<StoredCredential> find(String userId);

    Optional<StoredCredential> findByUsername(String username);

    void save(StoredCredential credential);

    /**
     * Changes one user's credential under a lock held until the change is stored, across nodes too. CARE's
     * refresh tokens rotate: two refreshes of the same token race, and the loser would lose the user's session.
     */
    Optional<StoredCredential> update(String userId, UnaryOperator<StoredCredential> change);
}
