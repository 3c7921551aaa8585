package network.ohc.caresync.infrastructure.view;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.application.view.WritePatch;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.infrastructure.db.BatchedChanges;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The write views in PostgreSQL. Each change applies once: only when its event is newer than the row.
 * <p>
 * Text that PostgreSQL cannot store (a NUL, a broken surrogate pair: in jsonb not even escaped) or that is wider than
 * its column is stored made to fit ({@link StorableText}): it comes from CARE (a conflict's server record, an answer,
 * an error message, a real id substituted into a child), cannot be refused, and failing to store it would stop the
 * views for good, the projection retrying the same event forever. The events keep the original.
 */
public class JdbcWriteViewStore implements WriteViewStore {

    private static final Map<WritePatch.Column, String> COLUMNS = new EnumMap<>(Map.ofEntries(
            Map.entry(WritePatch.Column.STATUS, "status"),
            Map.entry(WritePatch.Column.BLOCK_REASON, "block_reason"),
            Map.entry(WritePatch.Column.BLOCKED_BY, "blocked_by"),
            Map.entry(WritePatch.Column.BLOCK_DETAIL, "block_detail"),
            Map.entry(WritePatch.Column.ATTEMPT, "attempt"),
            Map.entry(WritePatch.Column.ATTEMPT_NODE, "attempt_node"),
            Map.entry(WritePatch.Column.RETRIES, "retries"),
            Map.entry(WritePatch.Column.RETRYABLE, "retryable"),
            Map.entry(WritePatch.Column.LAST_ERROR, "last_error"),
            Map.entry(WritePatch.Column.LAST_ATTEMPT_AT, "last_attempt_at"),
            Map.entry(WritePatch.Column.NEXT_ATTEMPT_AT, "next_attempt_at"),
            Map.entry(WritePatch.Column.CONFLICT_DATA, "conflict_data"),
            Map.entry(WritePatch.Column.CONFLICT_MODIFIED_DATE, "conflict_modified_date"),
            Map.entry(WritePatch.Column.RESPONSE, "response"),
            Map.entry(WritePatch.Column.REAL_ID, "real_id"),
            Map.entry(WritePatch.Column.RESULT_MODIFIED_DATE, "result_modified_date"),
            Map.entry(WritePatch.Column.PATH_PARAMS, "path_params"),
            Map.entry(WritePatch.Column.QUERY_PARAMS, "query_params"),
            Map.entry(WritePatch.Column.PAYLOAD, "payload"),
            Map.entry(WritePatch.Column.RECORD_KEY, "record_key"),
            Map.entry(WritePatch.Column.SERVER_TIMESTAMP, "server_timestamp"),
            Map.entry(WritePatch.Column.ARCHIVED, "archived"),
            Map.entry(WritePatch.Column.PARENT_MUTATION_IDS, "parent_mutation_ids")));
    /**
     * The widths of the text columns whose values can come from CARE (a real id, a {@code modified_date}, a record key
     * holding a real id): wider text is cut to fit, as an unstorable character is replaced (see {@link #text}).
     */
    private static final Map<WritePatch.Column, Integer> WIDTHS = new EnumMap<>(Map.of(
            WritePatch.Column.REAL_ID, 100, WritePatch.Column.RESULT_MODIFIED_DATE, 64,
            WritePatch.Column.CONFLICT_MODIFIED_DATE, 64, WritePatch.Column.SERVER_TIMESTAMP, 64,
            WritePatch.Column.RECORD_KEY, 300, WritePatch.Column.ATTEMPT_NODE, 200));
    private static final java.util.Set<WritePatch.Column> JSON_COLUMNS = java.util.EnumSet.of(
            WritePatch.Column.BLOCKED_BY, WritePatch.Column.LAST_ERROR, WritePatch.Column.CONFLICT_DATA,
            WritePatch.Column.RESPONSE, WritePatch.Column.PATH_PARAMS, WritePatch.Column.QUERY_PARAMS,
            WritePatch.Column.PAYLOAD, WritePatch.Column.PARENT_MUTATION_IDS);

    /** How long a gap in the event stream may still be an event on its way; the auditors' log waits as long. */
    static final java.time.Duration GAP_WAIT = network.ohc.caresync.infrastructure.axon.EventGaps.WAIT;
    /**
     * True unless the write views are being rebuilt: a replay token that has not yet reached the position where the
     * reset happened. Axon keeps the token a replay token until an event after that position arrives, which may be
     * long after the replay has caught up (nobody hands anything over): from the reset position on, the views are
     * whole again and the writes they show may be sent.
     */
    private static final String NOT_REBUILDING = " AND NOT EXISTS (SELECT 1 FROM tokenentry"
            + " WHERE processorname = :processor AND tokentype = :replayToken"
            + " AND coalesce((convert_from(token, 'UTF8')::jsonb #>> '{currentToken,index}')::bigint, -1)"
            + " < coalesce((convert_from(token, 'UTF8')::jsonb #>> '{tokenAtReset,index}')::bigint, -1))";

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcWriteViewStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A change of one write's row: sent with the batch of the event processor's unit of work when there is one (see
     * {@link BatchedChanges}: the write's id is the order key, so a write's changes keep their order), or at once.
     */
    private void change(String writeId, String sql, MapSqlParameterSource params) {
        BatchedChanges batch = BatchedChanges.current(jdbc);
        if (batch != null) {
            batch.add(writeId, sql, params);
        } else {
            jdbc.update(sql, params);
        }
    }

    /**
     * The row's {@code seq} is the global index of the write's first event, read from the event store: the token
     * position the projection passes is past it when the event filled a gap (events of concurrent hand-overs commit
     * out of order), and two writes then got the same {@code seq} and the views stopped (found by the reliability
     * suite).
     */
    @Override
    public void insert(WriteView v, long eventSequence) {
        change(v.writeId(), """
                INSERT INTO write_view (write_id, seq, user_id, device_id, sync_route_key, type, resource_type, record_key,
                    sync_partition, path_params, query_params, payload, base_payload, parent_mutation_ids,
                    client_timestamp, server_timestamp, query_route_key, received_at, status, updated_at,
                    last_event_sequence)
                VALUES (:id, coalesce((SELECT globalindex FROM domainevententry
                                       WHERE aggregateidentifier = :id AND sequencenumber = :sequence), :seq),
                    :user, :device, :route, :type, :resourceType, :recordKey, :partition,
                    CAST(:pathParams AS jsonb), CAST(:queryParams AS jsonb), CAST(:payload AS jsonb),
                    CAST(:basePayload AS jsonb), CAST(:parents AS jsonb), :clientTimestamp, :serverTimestamp,
                    :queryRoute, :receivedAt, :status, :receivedAt, :sequence)
                ON CONFLICT (write_id) DO NOTHING
                """, new MapSqlParameterSource()
                .addValue("id", v.writeId()).addValue("seq", v.seq()).addValue("user", v.userId()).addValue("device", v.deviceId())
                .addValue("route", v.syncRouteKey()).addValue("type", v.type())
                .addValue("resourceType", v.resourceType()).addValue("recordKey", text(WritePatch.Column.RECORD_KEY, v.recordKey()))
                .addValue("partition", v.partition())
                .addValue("pathParams", json(v.pathParams())).addValue("queryParams", json(v.queryParams()))
                .addValue("payload", json(v.payload())).addValue("basePayload", json(v.basePayload()))
                .addValue("parents", json(v.parentMutationIds())).addValue("clientTimestamp", v.clientTimestamp())
                .addValue("serverTimestamp", text(WritePatch.Column.SERVER_TIMESTAMP, v.serverTimestamp())).addValue("queryRoute", v.queryRouteKey())
                .addValue("receivedAt", Timestamp.from(v.receivedAt()))
                .addValue("status", v.status().wireName()).addValue("sequence", eventSequence));
    }

    @Override
    public void apply(String writeId, long eventSequence, WritePatch patch, Instant at, Consumer<String> applied) {
        StringBuilder sql = new StringBuilder("UPDATE write_view SET ");
        MapSqlParameterSource params = new MapSqlParameterSource();
        int i = 0;
        for (var change : patch.changes().entrySet()) {
            WritePatch.Column column = change.getKey();
            if (column == WritePatch.Column.REVISION_INCREMENT) {
                sql.append("revision = revision + 1, ");
                continue;
            }
            String name = "v" + i++;
            if (JSON_COLUMNS.contains(column)) {
                sql.append(COLUMNS.get(column)).append(" = CAST(:").append(name).append(" AS jsonb), ");
                params.addValue(name, json(change.getValue()));
            } else {
                sql.append(COLUMNS.get(column)).append(" = :").append(name).append(", ");
                params.addValue(name, sqlValue(column, change.getValue()));
            }
        }
        sql.append("updated_at = :at, last_event_sequence = :sequence "
                + "WHERE write_id = :id AND last_event_sequence < :sequence");
        params.addValue("at", Timestamp.from(at)).addValue("sequence", eventSequence).addValue("id", writeId);
        // the user comes back with the change: reading the whole row again to tell the listeners whose write changed
        // (its JSON parsed) had cost as much as the change itself, for nearly every event (found by the harness)
        BatchedChanges batch = BatchedChanges.current(jdbc);
        if (batch != null) {
            batch.add(writeId, sql.toString(), params, new BatchedChanges.Returning("write_id", writeId, "user_id",
                    user -> applied.accept((String) user)));
            return;
        }
        jdbc.queryForList(sql + " RETURNING user_id", params, String.class).forEach(applied);
    }

    @Override
    public Optional<WriteView> find(String writeId) {
        BatchedChanges.flushCurrent();
        return jdbc.query("SELECT * FROM write_view WHERE write_id = :id", Map.of("id", writeId), ROW)
                .stream().findFirst();
    }

    @Override
    public Page find(String userId, Collection<WriteStatus> statuses, String resourceType, int page, int size) {
        BatchedChanges.flushCurrent();
        StringBuilder where = new StringBuilder(" WHERE NOT archived");
        MapSqlParameterSource params = new MapSqlParameterSource();
        if (userId != null) {
            where.append(" AND user_id = :user");
            params.addValue("user", userId);
        }
        if (statuses != null && !statuses.isEmpty()) {
            where.append(" AND status IN (:statuses)");
            params.addValue("statuses", statuses.stream().map(WriteStatus::wireName).toList());
        }
        if (resourceType != null) {
            where.append(" AND resource_type = :resourceType");
            params.addValue("resourceType", resourceType);
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM write_view" + where, params, Long.class);
        params.addValue("limit", size).addValue("offset", (long) page * size);
        List<WriteView> items = jdbc.query("SELECT * FROM write_view" + where
                + " ORDER BY seq DESC LIMIT :limit OFFSET :offset", params, ROW);
        return new Page(items, total == null ? 0 : total, page, size);
    }

    @Override
    public Map<WriteStatus, Long> countByStatus(String userId) {
        BatchedChanges.flushCurrent();
        Map<WriteStatus, Long> counts = new EnumMap<>(WriteStatus.class);
        for (WriteStatus status : WriteStatus.values()) {
            counts.put(status, 0L);
        }
        String sql = "SELECT status, count(*) AS n FROM write_view WHERE NOT archived"
                + (userId == null ? "" : " AND user_id = :user") + " GROUP BY status";
        jdbc.query(sql, userId == null ? Map.of() : Map.of("user", userId),
                (ResultSet rs) -> {
                    counts.put(WriteStatus.fromWireName(rs.getString("status")), rs.getLong("n"));
                });
        return counts;
    }

    /**
     * Only writes whose first event every segment of the views has passed count: segments progress independently,
     * and a later write's row may exist before an earlier write's row to the same record does. Below the lowest
     * position of all segments (before their lowest open gap), every earlier write is in the table, so the
     * same-record check is complete. While the views are rebuilt (a replay token short of its reset point) nothing is
     * ready; once the replay has reached that point, the replay token's current position counts like any other.
     * <p>
     * A gap is open while the event for it may still come: it is stored but not yet projected, or the first event
     * after it is younger than {@link #GAP_WAIT}. Older gaps are transactions that never committed (rolled back,
     * or cut short when a node was killed) and never fill; Axon keeps them in the token for thousands of events,
     * and counting them held every later write back for good (found by the reliability suite's crash scenario).
     * <p>
     * Each gap is looked up by its own index probe (a scalar subquery). Written as {@code EXISTS}, PostgreSQL turned
     * the lookup into a hash of every global index in the store, built on every call: the dispatcher's most costly
     * query, growing with the store (found by the benchmark harness).
     * <p>
     * The rows leave out the large columns (payload, parameters, answers), and a pass reads a page at a time: the
     * dispatcher runs this on every change of the views, and reading whole rows, as many as it had recently
     * attempted, made it the database's costliest statement in a drain (found by the benchmark harness's
     * statement figures).
     */
    @Override
    public List<WriteView> findReady(Collection<Integer> partitions, long afterSeq, Map<String, Integer> passOver,
                                     int limit) {
        BatchedChanges.flushCurrent();
        return jdbc.query("""
                WITH stored AS (
                    SELECT convert_from(token, 'UTF8')::jsonb AS t FROM tokenentry WHERE processorname = :processor
                ), tokens AS (
                    -- a replay token's position is its current token's; it replays until that reaches the reset point
                    SELECT coalesce((t->>'index')::bigint, (t#>>'{currentToken,index}')::bigint) AS position,
                           coalesce(t->'gaps', t#>'{currentToken,gaps}', '[]'::jsonb) AS gaps,
                           t->'tokenAtReset' IS NOT NULL
                               AND coalesce((t#>>'{currentToken,index}')::bigint, -1)
                                   < coalesce((t#>>'{tokenAtReset,index}')::bigint, -1) AS replaying
                    FROM stored
                ), gaps AS (
                    SELECT DISTINCT g::bigint AS gap FROM tokens, jsonb_array_elements_text(tokens.gaps) g
                ), open_gap AS (
                    SELECT min(gap) AS gap FROM gaps
                    WHERE coalesce((SELECT true FROM domainevententry d WHERE d.globalindex = gaps.gap), false)
                       OR coalesce((SELECT CAST(d.timestamp AS timestamptz) FROM domainevententry d
                                    WHERE d.globalindex > gaps.gap ORDER BY d.globalindex LIMIT 1)
                                   > now() - CAST(:gapWait AS interval), true)
                ), pass_over AS MATERIALIZED (
                    -- parsed once, then looked up by key for each row (the object's keys are kept sorted): a cast in
                    -- the row filter parsed it again for every row, and a join scanned all of it for every row, while
                    -- in a drain the views lag behind by hundreds of finished attempts
                    SELECT CAST(:passOver AS jsonb) AS ids
                ), projected AS (
                    SELECT CASE WHEN bool_or(replaying) THEN NULL
                                WHEN min(position) IS NOT NULL
                                THEN least(min(position), (SELECT gap - 1 FROM open_gap)) END AS position
                    FROM tokens
                )
                SELECT %s FROM write_view w
                WHERE w.status = 'pending' AND NOT w.archived AND w.sync_partition IN (:partitions)
                  AND w.seq > :afterSeq AND w.seq <= (SELECT position FROM projected)
                  -- the reader's attempts running or finished ahead of the views: left out here, not read and skipped
                  AND coalesce(w.attempt >= ((SELECT ids FROM pass_over) ->> w.write_id)::int, true)
                  AND NOT EXISTS (SELECT 1 FROM write_view e
                                  WHERE e.record_key = w.record_key AND e.seq < w.seq
                                    AND e.status NOT IN ('success', 'discarded'))
                ORDER BY w.seq LIMIT :limit
                """.formatted(HEAD_COLUMNS), new MapSqlParameterSource("partitions", partitions).addValue("limit", limit)
                .addValue("afterSeq", afterSeq).addValue("passOver", passOverJson(passOver))
                .addValue("gapWait", GAP_WAIT.toMillis() + " milliseconds")
                .addValue("processor", network.ohc.caresync.application.view.WriteViewProjection.PROCESSING_GROUP),
                HEAD);
    }

    /**
     * As for {@link #findReady}, nothing is found while the views are rebuilt (a replay token): a replayed row passes
     * through states its write left long ago (in flight, in doubt, waiting for sign-in), and the dispatcher's
     * housekeeping would act on them, asking CARE again what became of an attempt settled long ago.
     */
    @Override
    public List<WriteView> findByStatus(Collection<Integer> partitions, WriteStatus status, int limit) {
        BatchedChanges.flushCurrent();
        return jdbc.query("""
                SELECT * FROM write_view
                WHERE status = :status AND NOT archived AND sync_partition IN (:partitions)
                """ + NOT_REBUILDING + " ORDER BY seq LIMIT :limit",
                notRebuilding(new MapSqlParameterSource("partitions", partitions).addValue("status", status.wireName())
                        .addValue("limit", limit)), ROW);
    }

    /** Nothing while the views are rebuilt, as {@link #findByStatus}. */
    @Override
    public List<WriteView> findBlocked(Collection<Integer> partitions, BlockReason reason, int limit) {
        BatchedChanges.flushCurrent();
        return jdbc.query("""
                SELECT * FROM write_view
                WHERE status = 'blocked' AND block_reason = :reason AND NOT archived
                  AND sync_partition IN (:partitions)
                """ + NOT_REBUILDING + " ORDER BY seq LIMIT :limit",
                notRebuilding(new MapSqlParameterSource("partitions", partitions).addValue("reason", reason.wireName())
                        .addValue("limit", limit)), ROW);
    }

    private static MapSqlParameterSource notRebuilding(MapSqlParameterSource params) {
        return params.addValue("processor", network.ohc.caresync.application.view.WriteViewProjection.PROCESSING_GROUP)
                .addValue("replayToken", org.axonframework.eventhandling.ReplayToken.class.getName());
    }

    @Override
    public List<String> successesBefore(String userId, Instant before, int limit) {
        BatchedChanges.flushCurrent();
        MapSqlParameterSource params = new MapSqlParameterSource("before", Timestamp.from(before))
                .addValue("limit", limit);
        String userFilter = "";
        if (userId != null) {
            userFilter = " AND user_id = :user";
            params.addValue("user", userId);
        }
        return jdbc.queryForList("SELECT write_id FROM write_view WHERE status = 'success' AND NOT archived"
                + " AND updated_at < :before" + userFilter + " ORDER BY seq LIMIT :limit", params, String.class);
    }

    @Override
    public List<WriteView> syncedToRecord(String userId, String recordKey) {
        BatchedChanges.flushCurrent();
        return jdbc.query("""
                SELECT * FROM write_view
                WHERE user_id = :user AND record_key = :recordKey AND status = 'success'
                ORDER BY seq
                """, Map.of("user", userId, "recordKey", recordKey), ROW);
    }

    @Override
    public Optional<Instant> oldestWaitingSince() {
        BatchedChanges.flushCurrent();
        Timestamp oldest = jdbc.getJdbcTemplate().queryForObject("SELECT min(received_at) FROM write_view "
                + "WHERE status IN ('pending', 'blocked', 'in_flight') AND NOT archived", Timestamp.class);
        return Optional.ofNullable(oldest).map(Timestamp::toInstant);
    }

    @Override
    public void deleteAll() {
        BatchedChanges.flushCurrent();
        jdbc.getJdbcTemplate().execute("TRUNCATE write_view");
    }

    private static Object sqlValue(WritePatch.Column column, Object value) {
        if (value instanceof String text) {
            return text(column, text);
        }
        if (value instanceof WriteStatus s) {
            return s.wireName();
        }
        if (value instanceof BlockReason r) {
            return r.wireName();
        }
        if (value instanceof Instant t) {
            return Timestamp.from(t);
        }
        return value;
    }

    private static String text(WritePatch.Column column, String value) {
        Integer width = WIDTHS.get(column);
        return width == null ? StorableText.storable(value) : StorableText.storable(value, width);
    }

    private static String json(Object value) {
        return value == null ? null : Json.storableText(value);
    }

    private static final RowMapper<WriteView> ROW = (rs, n) -> row(rs, true);
    /**
     * A row without its JSON (payload, parameters, answers, and the parents and blocking writes, whose lists are
     * empty here): the dispatcher reads many and attempts few, and reads the whole row before an attempt.
     */
    private static final RowMapper<WriteView> HEAD = (rs, n) -> row(rs, false);
    /** The columns {@link #HEAD} reads: all but the large ones, which it leaves out. */
    private static final String HEAD_COLUMNS = "w.write_id, w.seq, w.user_id, w.device_id, w.sync_route_key, w.type, "
            + "w.resource_type, w.record_key, w.sync_partition, w.client_timestamp, "
            + "w.server_timestamp, w.query_route_key, w.received_at, w.status, w.block_reason, "
            + "w.block_detail, w.attempt, w.attempt_node, w.retries, w.retryable, w.last_attempt_at, "
            + "w.next_attempt_at, w.conflict_modified_date, w.real_id, w.result_modified_date, w.revision, "
            + "w.archived, w.updated_at";

    @SuppressWarnings("unchecked")
    private static WriteView row(ResultSet rs, boolean full) throws SQLException {
        String blockReason = rs.getString("block_reason");
        Object retryable = rs.getObject("retryable");
        return new WriteView(rs.getString("write_id"), rs.getLong("seq"), rs.getString("user_id"),
                rs.getString("device_id"), rs.getString("sync_route_key"), rs.getString("type"),
                rs.getString("resource_type"), rs.getString("record_key"), rs.getInt("sync_partition"),
                (Map<String, Object>) parse(rs, "path_params", full),
                (Map<String, Object>) parse(rs, "query_params", full),
                (Map<String, Object>) parse(rs, "payload", full), (Map<String, Object>) parse(rs, "base_payload", full),
                strings(parse(rs, "parent_mutation_ids", full)), (Long) rs.getObject("client_timestamp"),
                rs.getString("server_timestamp"), rs.getString("query_route_key"), instant(rs, "received_at"),
                WriteStatus.fromWireName(rs.getString("status")),
                blockReason == null ? null : BlockReason.fromWireName(blockReason),
                strings(parse(rs, "blocked_by", full)), rs.getString("block_detail"), rs.getInt("attempt"),
                rs.getString("attempt_node"), rs.getInt("retries"), (Boolean) retryable, parse(rs, "last_error", full),
                instant(rs, "last_attempt_at"), instant(rs, "next_attempt_at"),
                (Map<String, Object>) parse(rs, "conflict_data", full), rs.getString("conflict_modified_date"),
                parse(rs, "response", full), rs.getString("real_id"), rs.getString("result_modified_date"),
                rs.getInt("revision"), rs.getBoolean("archived"), instant(rs, "updated_at"));
    }

    private static Object parse(ResultSet rs, String column, boolean full) throws SQLException {
        if (!full) {
            return null;
        }
        String text = rs.getString(column);
        return text == null ? null : Json.parse(text);
    }

    /**
     * {@code {"id": attempt, ...}}, written directly: the dispatcher sends it at every pass, and a general mapper's
     * serializer for a map of some hundred entries was a twentieth of care-sync's processor time in a drain.
     */
    static String passOverJson(Map<String, Integer> passOver) {
        StringBuilder json = new StringBuilder(passOver.size() * 56 + 2).append('{');
        JsonStringEncoder quote = JsonStringEncoder.getInstance();
        passOver.forEach((writeId, attempt) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(quote.quoteAsString(writeId)).append("\":").append(attempt.intValue());
        });
        return json.append('}').toString();
    }

    private static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(String::valueOf).collect(Collectors.toCollection(ArrayList::new));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
