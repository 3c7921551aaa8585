package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.view.WriteViewProjection;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.Synced;
import network.ohc.caresync.domain.write.WriteDiscarded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

import java.time.Clock;

/**
 * Keeps, for each write that names the version it edited but sent no {@code basePayload}, a copy of that version
 * from the user's cache as it stood when the write arrived: the cache may be refreshed or wiped (logout) before the
 * write syncs, and the three-way merge still needs its base. The copy goes when the write ends.
 * <p>
 * The copies are not facts: no event holds them (DESIGN.md §4), and the cache they came from may since have been
 * refreshed, may have expired or been wiped. So a rebuild keeps the rows there are (there is no reset handler to
 * empty the table): replaying the events drops the copies of writes that have ended, and takes a missing copy only
 * where the cache still holds the very version the write names, which is then the same base.
 * <p>
 * Kept by the write views' processor, in the same transactions as the views (one read of each event, one token and
 * one commit for both), so a rebuild of the write views replays this too, under the rule above.
 */
@ProcessingGroup(WriteViewProjection.PROCESSING_GROUP)
public class WriteBaseProjection {

    private final WriteBaseStore store;
    private final CachedBases bases;

    public WriteBaseProjection(WriteBaseStore store, QueryCacheStore cache, Clock clock) {
        this.store = store;
        this.bases = new CachedBases(cache, clock);
    }

    @EventHandler
    void on(OfflineWriteCreated e) {
        if (e.basePayload() != null) {
            return;
        }
        bases.of(e.userId(), e.queryRouteKey(), e.queryParams(), e.pathParams(), e.serverTimestamp())
                .ifPresent(base -> store.keep(e.writeId(), e.userId(), base, e.receivedAt()));
    }

    @EventHandler
    void on(Synced e) {
        store.delete(e.writeId());
    }

    @EventHandler
    void on(InDoubtReconciled e) {
        if (e.applied()) {
            store.delete(e.writeId());
        }
    }

    @EventHandler
    void on(ConflictResolved e) {
        if (e.resolution() == Resolution.TAKE_THEIRS) {
            store.delete(e.writeId());
        }
    }

    @EventHandler
    void on(WriteDiscarded e) {
        store.delete(e.writeId());
    }
}
