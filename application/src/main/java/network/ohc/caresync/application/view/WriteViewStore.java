package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Port: the table behind the write views. Every change names the aggregate sequence number of the event that
 * caused it and is applied only once, so a replayed or redelivered event changes nothing.
 */
public interface WriteViewStore {

    void insert(WriteView view, long eventSequence);

    /**
     * Applies the change when its event is newer than the row, and then (only then) gives {@code applied} the user
     * whose write it is, so the projection can tell listeners without reading the row again. A store that sends an
     * event processor's changes together (a batch's, before it commits) gives it when it sends them.
     */
    void apply(String writeId, long eventSequence, WritePatch patch, Instant at, Consumer<String> applied);

    default void apply(String writeId, long eventSequence, WritePatch patch, Instant at) {
        apply(writeId, eventSequence, patch, at, user -> {
        });
    }

    Optional<WriteView> find(String writeId);

    /** A user's writes (all users' when {@code userId} is null), newest first. */
    Page find(String userId, Collection<WriteStatus> statuses, String resourceType, int page, int size);

    /** Counts per status of one user's writes (all users' when {@code userId} is null), archived left out. */
    Map<WriteStatus, Long> countByStatus(String userId);

    /**
     * Pending writes of the given partitions that may be attempted now: every earlier write to the same upstream
     * record has ended, from the first after {@code afterSeq} on (a page: the next starts after the last one's
     * {@code seq}). Oldest first. A write named in {@code passOver} is left out while its attempt number is below
     * the one given there (the reader's own attempts still running, or finished ahead of the views). A store may
     * leave out the large fields (payload, parameters, answers) and the lists (parents, blocked by): read a write
     * with {@link #find(String)} before attempting it.
     */
    List<WriteView> findReady(Collection<Integer> partitions, long afterSeq, Map<String, Integer> passOver, int limit);

    /** Writes of the given partitions with one of the statuses, oldest first. */
    List<WriteView> findByStatus(Collection<Integer> partitions, WriteStatus status, int limit);

    /** Blocked writes of the given partitions held back for the given reason, oldest first. */
    List<WriteView> findBlocked(Collection<Integer> partitions, network.ohc.caresync.domain.write.BlockReason reason,
                                int limit);

    /** Successes of one user's (or everyone's) that ended before the given time and are not yet archived. */
    List<String> successesBefore(String userId, Instant before, int limit);

    /** The user's synced writes to a record, oldest first: each one's serverTimestamp and resulting modified_date. */
    List<WriteView> syncedToRecord(String userId, String recordKey);

    /** When the oldest write still waiting to reach CARE (pending, blocked or in flight) was handed over. */
    Optional<Instant> oldestWaitingSince();

    void deleteAll();

    record Page(List<WriteView> items, long total, int page, int size) {
    }
}
