package network.ohc.caresync.application.write;

import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.sync.SyncTrigger;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.ArchiveWrite;
import network.ohc.caresync.domain.write.DiscardWrite;
import network.ohc.caresync.domain.write.ReconcileInDoubt;
import network.ohc.caresync.domain.write.RepointParent;
import network.ohc.caresync.domain.write.RequestRetry;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.ResolveConflict;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import network.ohc.caresync.domain.write.WriteStatus;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What a person does on the Sync Status Page: retry, resolve, discard, re-point, clean up. */
public final class WriteActions {

    private final CommandGateway commands;
    private final WriteRegistry registry;
    private final WriteViewStore views;
    private final Clock clock;
    private final SyncTrigger trigger;

    public WriteActions(CommandGateway commands, WriteRegistry registry, WriteViewStore views, Clock clock,
                        SyncTrigger trigger) {
        this.commands = commands;
        this.registry = registry;
        this.views = views;
        this.clock = clock;
        this.trigger = trigger;
    }

    public void retry(Caller caller, String writeId) {
        requireVisible(caller, writeId);
        commands.sendAndWait(new RequestRetry(writeId, caller.actor(), clock.instant()));
        trigger.wake();
    }

    public void discard(Caller caller, String writeId, String reason) {
        requireVisible(caller, writeId);
        commands.sendAndWait(new DiscardWrite(writeId, caller.actor(), reason, clock.instant()));
    }

    /**
     * Resolves a conflict ({@code keep_mine}, {@code take_theirs}, {@code merged}) or settles an in-doubt write:
     * {@code take_theirs} means it was applied upstream (optionally naming the record's real id), {@code keep_mine}
     * means it was not and should be sent again.
     */
    public void resolve(Caller caller, String writeId, Resolution resolution, Map<String, Object> mergedPayload,
                        String realId, String reason) {
        requireVisible(caller, writeId);
        WriteStatus status = views.find(writeId).map(v -> v.status()).orElse(WriteStatus.CONFLICT);
        Instant now = clock.instant();
        if (status == WriteStatus.IN_DOUBT) {
            int attempt = views.find(writeId).map(v -> v.attempt()).orElse(0);
            if (resolution != Resolution.KEEP_MINE && resolution != Resolution.TAKE_THEIRS) {
                throw new WriteRuleViolation("resolution_not_allowed", writeId,
                        "an in-doubt write is settled with keep_mine (send again) or take_theirs (it was applied)");
            }
            commands.sendAndWait(new ReconcileInDoubt(writeId, attempt, resolution == Resolution.TAKE_THEIRS,
                    realId, null, null, "person", caller.actor(), now));
        } else {
            commands.sendAndWait(new ResolveConflict(writeId, caller.actor(), resolution, mergedPayload, reason,
                    List.of(), now));
        }
        trigger.wake();
    }

    public void repoint(Caller caller, String writeId, String fromParent, String toParent, String toRealId) {
        requireVisible(caller, writeId);
        if (toParent != null) {
            requireVisible(caller, toParent);
        }
        commands.sendAndWait(new RepointParent(writeId, caller.actor(), fromParent, toParent, toRealId,
                clock.instant()));
        trigger.wake();
    }

    /** Archives the caller's (an administrator: everyone's) successes older than the given time; returns how many. */
    public int archiveSuccesses(Caller caller, Instant olderThan) {
        String userId = caller.isAdmin() ? null : caller.userId();
        int archived = 0;
        List<String> batch;
        do {
            batch = views.successesBefore(userId, olderThan, 500);
            for (String writeId : batch) {
                if (Boolean.TRUE.equals(commands.sendAndWait(new ArchiveWrite(writeId, clock.instant())))) {
                    archived++;
                }
            }
        } while (batch.size() == 500);
        return archived;
    }

    private void requireVisible(Caller caller, String writeId) {
        String owner = registry.ownersOf(List.of(writeId)).get(writeId);
        if (owner == null || !(caller.isAdmin() || owner.equals(caller.userId()))) {
            throw new WriteNotFound(writeId);
        }
    }
}
