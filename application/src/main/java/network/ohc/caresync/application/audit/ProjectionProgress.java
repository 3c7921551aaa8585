package network.ohc.caresync.application.audit;

/**
 * Where a projection's processor stands: the lowest position its segments have reached, the head of the event
 * store, how far that is in percent, and whether it is replaying (rebuilding) now.
 */
public record ProjectionProgress(String name, boolean running, boolean replaying, long position, long head,
                                 double percent, int segments, String error) {
}
