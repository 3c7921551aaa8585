package network.ohc.caresync.application.audit;

import network.ohc.caresync.application.view.WriteViewProjection;
import network.ohc.caresync.domain.write.ConflictResolved;
import network.ohc.caresync.domain.write.DependencyResolved;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.ParentRepointed;
import network.ohc.caresync.domain.write.Synced;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Keeps the auditors' index: who handed each write over, from which device, and every id the write has mentioned
 * over its life (its own temporary id, the real id CARE gave it, the ids in its path params, query params and
 * payload before and after its parents' real ids replaced their temporary ids). Idempotent, so it can be replayed.
 * <p>
 * Kept by the write views' processor, in the same transactions as the views: one read of each event, one token
 * and one commit for both, instead of a processor of its own reading and committing every event again.
 */
@ProcessingGroup(WriteViewProjection.PROCESSING_GROUP)
public class AuditIndexProjection {

    private final AuditIndex index;

    public AuditIndexProjection(AuditIndex index) {
        this.index = index;
    }

    @EventHandler
    void on(OfflineWriteCreated e) {
        index.written(e.writeId(), e.userId(), e.deviceId());
        Set<String> mentioned = new LinkedHashSet<>(Mentions.ids(e.writeId()));
        if (e.parentMutationIds() != null) {
            mentioned.addAll(Mentions.ids(e.parentMutationIds().toArray(String[]::new)));
        }
        mentioned.addAll(Mentions.in(e.pathParams(), e.queryParams(), e.payload()));
        index.mentions(e.writeId(), mentioned);
    }

    @EventHandler
    void on(DependencyResolved e) {
        Set<String> mentioned = new LinkedHashSet<>(Mentions.ids(e.realId()));
        mentioned.addAll(Mentions.in(e.pathParams(), e.queryParams(), e.payload()));
        index.mentions(e.writeId(), mentioned);
    }

    @EventHandler
    void on(ParentRepointed e) {
        index.mentions(e.writeId(), Mentions.ids(e.toParentWriteId(), e.toRealId()));
    }

    @EventHandler
    void on(Synced e) {
        index.mentions(e.writeId(), Mentions.ids(e.realId()));
    }

    @EventHandler
    void on(InDoubtReconciled e) {
        if (e.applied()) {
            index.mentions(e.writeId(), Mentions.ids(e.realId()));
        }
    }

    @EventHandler
    void on(ConflictResolved e) {
        index.mentions(e.writeId(), Mentions.in(e.payload()));
    }

    @ResetHandler
    void reset() {
        index.deleteAll();
    }
}
