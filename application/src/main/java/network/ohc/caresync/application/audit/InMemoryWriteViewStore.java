package network.ohc.caresync.application.audit;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.view.WritePatch;
import network.ohc.caresync.application.view.WritePatch.Column;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Write views held in memory, with the same rules as the table: a change applies only when its event is newer than
 * the row, and JSON values come back as JSON would give them. The write-views projection fed into one of these
 * rebuilds a write as it stood at any moment, with the very logic that keeps the real views.
 */
public final class InMemoryWriteViewStore implements WriteViewStore {

    private static final Set<WriteStatus> WAITING = EnumSet.of(WriteStatus.PENDING, WriteStatus.BLOCKED,
            WriteStatus.IN_FLIGHT);
    private static final Set<WriteStatus> ENDED = EnumSet.of(WriteStatus.SUCCESS, WriteStatus.DISCARDED);

    private final Map<String, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized void insert(WriteView view, long eventSequence) {
        rows.putIfAbsent(view.writeId(), new Row(view, eventSequence));
    }

    @Override
    public synchronized void apply(String writeId, long eventSequence, WritePatch patch, Instant at,
                                   Consumer<String> applied) {
        Row row = rows.get(writeId);
        if (row == null || row.lastEventSequence >= eventSequence) {
            return;
        }
        row.apply(patch, at);
        row.lastEventSequence = eventSequence;
        applied.accept(row.view().userId());
    }

    @Override
    public synchronized Optional<WriteView> find(String writeId) {
        return Optional.ofNullable(rows.get(writeId)).map(Row::view);
    }

    @Override
    public synchronized Page find(String userId, Collection<WriteStatus> statuses, String resourceType, int page,
                                  int size) {
        List<WriteView> all = select(v -> !v.archived() && (userId == null || userId.equals(v.userId()))
                && (statuses == null || statuses.isEmpty() || statuses.contains(v.status()))
                && (resourceType == null || resourceType.equals(v.resourceType())));
        all.sort(Comparator.comparingLong(WriteView::seq).reversed());
        int from = (int) Math.min((long) page * size, all.size());
        return new Page(all.subList(from, Math.min(from + size, all.size())), all.size(), page, size);
    }

    @Override
    public synchronized Map<WriteStatus, Long> countByStatus(String userId) {
        Map<WriteStatus, Long> counts = new EnumMap<>(WriteStatus.class);
        for (WriteStatus status : WriteStatus.values()) {
            counts.put(status, 0L);
        }
        select(v -> !v.archived() && (userId == null || userId.equals(v.userId())))
                .forEach(v -> counts.merge(v.status(), 1L, Long::sum));
        return counts;
    }

    @Override
    public synchronized List<WriteView> findReady(Collection<Integer> partitions, long afterSeq,
                                                  Map<String, Integer> passOver, int limit) {
        List<WriteView> all = select(v -> true);
        return oldestFirst(all.stream().filter(w -> w.status() == WriteStatus.PENDING && !w.archived()
                && w.seq() > afterSeq && w.attempt() >= passOver.getOrDefault(w.writeId(), Integer.MIN_VALUE)
                && partitions.contains(w.partition())
                && all.stream().noneMatch(e -> e.recordKey().equals(w.recordKey()) && e.seq() < w.seq()
                && !ENDED.contains(e.status()))).toList(), limit);
    }

    @Override
    public synchronized List<WriteView> findByStatus(Collection<Integer> partitions, WriteStatus status, int limit) {
        return oldestFirst(select(v -> v.status() == status && !v.archived() && partitions.contains(v.partition())),
                limit);
    }

    @Override
    public synchronized List<WriteView> findBlocked(Collection<Integer> partitions, BlockReason reason, int limit) {
        return oldestFirst(select(v -> v.status() == WriteStatus.BLOCKED && v.blockReason() == reason
                && !v.archived() && partitions.contains(v.partition())), limit);
    }

    @Override
    public synchronized List<String> successesBefore(String userId, Instant before, int limit) {
        return oldestFirst(select(v -> v.status() == WriteStatus.SUCCESS && !v.archived()
                && v.updatedAt().isBefore(before) && (userId == null || userId.equals(v.userId()))), limit)
                .stream().map(WriteView::writeId).toList();
    }

    @Override
    public synchronized List<WriteView> syncedToRecord(String userId, String recordKey) {
        return oldestFirst(select(v -> userId.equals(v.userId()) && recordKey.equals(v.recordKey())
                && v.status() == WriteStatus.SUCCESS), Integer.MAX_VALUE);
    }

    @Override
    public synchronized Optional<Instant> oldestWaitingSince() {
        return select(v -> WAITING.contains(v.status()) && !v.archived()).stream().map(WriteView::receivedAt)
                .min(Comparator.naturalOrder());
    }

    @Override
    public synchronized void deleteAll() {
        rows.clear();
    }

    private List<WriteView> select(Predicate<WriteView> condition) {
        return rows.values().stream().map(Row::view).filter(condition)
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    }

    private static List<WriteView> oldestFirst(List<WriteView> views, int limit) {
        return views.stream().sorted(Comparator.comparingLong(WriteView::seq)).limit(limit).toList();
    }

    /** As the table stores a JSON column: written as JSON and read back. */
    private static Object json(Object value) {
        return value == null ? null : Json.parse(Json.bytes(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Object value) {
        return (Map<String, Object>) json(value);
    }

    private static List<String> strings(Object value) {
        return json(value) instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** One row, column by column. */
    private static final class Row {
        private final String writeId;
        private final long seq;
        private final String userId;
        private final String deviceId;
        private final String syncRouteKey;
        private final String type;
        private final String resourceType;
        private String recordKey;
        private final int partition;
        private Map<String, Object> pathParams;
        private Map<String, Object> queryParams;
        private Map<String, Object> payload;
        private final Map<String, Object> basePayload;
        private List<String> parentMutationIds;
        private final Long clientTimestamp;
        private String serverTimestamp;
        private final String queryRouteKey;
        private final Instant receivedAt;
        private WriteStatus status;
        private BlockReason blockReason;
        private List<String> blockedBy;
        private String blockDetail;
        private int attempt;
        private String attemptNode;
        private int retries;
        private Boolean retryable;
        private Object lastError;
        private Instant lastAttemptAt;
        private Instant nextAttemptAt;
        private Map<String, Object> conflictData;
        private String conflictModifiedDate;
        private Object response;
        private String realId;
        private String resultModifiedDate;
        private int revision;
        private boolean archived;
        private Instant updatedAt;
        private long lastEventSequence;

        Row(WriteView v, long eventSequence) {
            writeId = v.writeId();
            seq = v.seq();
            userId = v.userId();
            deviceId = v.deviceId();
            syncRouteKey = v.syncRouteKey();
            type = v.type();
            resourceType = v.resourceType();
            recordKey = v.recordKey();
            partition = v.partition();
            pathParams = jsonObject(v.pathParams());
            queryParams = jsonObject(v.queryParams());
            payload = jsonObject(v.payload());
            basePayload = jsonObject(v.basePayload());
            parentMutationIds = strings(v.parentMutationIds());
            clientTimestamp = v.clientTimestamp();
            serverTimestamp = v.serverTimestamp();
            queryRouteKey = v.queryRouteKey();
            receivedAt = v.receivedAt();
            status = v.status();
            blockedBy = List.of();
            // as the table's defaults: a new row starts with no attempt, error or conflict
            updatedAt = v.receivedAt();
            lastEventSequence = eventSequence;
        }

        void apply(WritePatch patch, Instant at) {
            for (Map.Entry<Column, Object> change : patch.changes().entrySet()) {
                Object value = change.getValue();
                switch (change.getKey()) {
                    case STATUS -> status = (WriteStatus) value;
                    case BLOCK_REASON -> blockReason = (BlockReason) value;
                    case BLOCKED_BY -> blockedBy = strings(value);
                    case BLOCK_DETAIL -> blockDetail = (String) value;
                    case ATTEMPT -> attempt = ((Number) value).intValue();
                    case ATTEMPT_NODE -> attemptNode = (String) value;
                    case RETRIES -> retries = ((Number) value).intValue();
                    case RETRYABLE -> retryable = (Boolean) value;
                    case LAST_ERROR -> lastError = json(value);
                    case LAST_ATTEMPT_AT -> lastAttemptAt = (Instant) value;
                    case NEXT_ATTEMPT_AT -> nextAttemptAt = (Instant) value;
                    case CONFLICT_DATA -> conflictData = jsonObject(value);
                    case CONFLICT_MODIFIED_DATE -> conflictModifiedDate = (String) value;
                    case RESPONSE -> response = json(value);
                    case REAL_ID -> realId = (String) value;
                    case RESULT_MODIFIED_DATE -> resultModifiedDate = (String) value;
                    case PATH_PARAMS -> pathParams = jsonObject(value);
                    case QUERY_PARAMS -> queryParams = jsonObject(value);
                    case PAYLOAD -> payload = jsonObject(value);
                    case RECORD_KEY -> recordKey = (String) value;
                    case SERVER_TIMESTAMP -> serverTimestamp = (String) value;
                    case REVISION_INCREMENT -> revision++;
                    case ARCHIVED -> archived = (Boolean) value;
                    case PARENT_MUTATION_IDS -> parentMutationIds = strings(value);
                }
            }
            updatedAt = at;
        }

        WriteView view() {
            return new WriteView(writeId, seq, userId, deviceId, syncRouteKey, type, resourceType, recordKey, partition,
                    pathParams, queryParams, payload, basePayload, parentMutationIds, clientTimestamp, serverTimestamp,
                    queryRouteKey, receivedAt, status, blockReason, blockedBy, blockDetail, attempt, attemptNode,
                    retries, retryable, lastError, lastAttemptAt, nextAttemptAt, conflictData, conflictModifiedDate,
                    response, realId, resultModifiedDate, revision, archived, updatedAt);
        }
    }
}
