package network.ohc.caresync.application.view;

/** Counts and the four queues of the Sync Status Page for one user (everyone when {@code userId} is null). */
public record SyncStatusQuery(String userId, int perQueue) {
}
