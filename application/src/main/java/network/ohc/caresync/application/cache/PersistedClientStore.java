package network.ohc.caresync.application.cache;

import java.util.Optional;

/** Port: one persisted TanStack Query client per user, in a deletable table. */
public interface PersistedClientStore {

    void save(String userId, PersistedClient client, byte[] json);

    Optional<PersistedClient> find(String userId);

    /** Whether there was one. */
    boolean delete(String userId);
}
