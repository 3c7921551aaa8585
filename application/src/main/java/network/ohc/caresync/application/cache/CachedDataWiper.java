package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.auth.UserDataWiper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** At logout and session expiry: the user's cached CARE answers and persisted client go. Their writes stay. */
public final class CachedDataWiper implements UserDataWiper {

    private static final Logger log = LoggerFactory.getLogger(CachedDataWiper.class);

    private final QueryCacheStore cache;
    private final PersistedClientStore clients;

    public CachedDataWiper(QueryCacheStore cache, PersistedClientStore clients) {
        this.cache = cache;
        this.clients = clients;
    }

    @Override
    public void wipe(String userId) {
        int entries = cache.deleteUser(userId);
        boolean client = clients.delete(userId);
        log.info("wiped the cached data of user {}: {} entries{}", userId, entries,
                client ? " and the persisted client" : "");
    }
}
