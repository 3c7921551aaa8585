package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.audit.AuditEvent;
import network.ohc.caresync.application.audit.AuditFilter;
import network.ohc.caresync.application.audit.AuditLog;
import network.ohc.caresync.application.audit.AuditPage;
import network.ohc.caresync.application.audit.Mentions;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.infrastructure.axon.EventGaps;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The event store as auditors read it, straight from {@code domainevententry}: events as stored (not upcast), in the
 * order of the global index. Filters by user, device and resource go through the audit index.
 * <p>
 * Events are handed out only up to the first gap in the global index that may still fill ({@link EventGaps}): an
 * event that commits late, below one already read, would otherwise lie behind every cursor handed out since, and no
 * reader would ever see it.
 */
public class JdbcAuditLog implements AuditLog {

    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, "
            + "payloadrevision, timestamp, payload, metadata FROM domainevententry";
    /**
     * Where reading may go: the highest global index below the lowest gap after {@code :after} that may still fill,
     * and the head of the store. A gap may still fill while the first event after it is younger than the gap wait,
     * as the dispatcher counts it: so only the young events (by the timestamp index) and each one's predecessor (by
     * the primary key) are looked at.
     */
    private static final String SETTLED = """
            WITH young AS (
                SELECT globalindex, greatest(coalesce((SELECT max(d.globalindex) FROM domainevententry d
                                                       WHERE d.globalindex < e.globalindex), 0), :after) AS previous
                FROM domainevententry e
                WHERE e.timestamp > :youngSince AND e.globalindex > :after
            )
            SELECT (SELECT min(previous) FROM young WHERE globalindex - previous > 1) AS held,
                   (SELECT max(globalindex) FROM domainevententry) AS head
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate transactions;
    private final Clock clock;

    /** Events are stamped by Axon with the system's UTC clock; the age of a gap is read on the same clock. */
    public JdbcAuditLog(DataSource dataSource, TransactionTemplate transactions) {
        this(dataSource, transactions, Clock.systemUTC());
    }

    public JdbcAuditLog(DataSource dataSource, TransactionTemplate transactions, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        org.springframework.jdbc.core.JdbcTemplate fetching = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * How far events may be read now. {@code upTo}: every event at or below it is stored or will never be (null when
     * there is no event after the cursor); {@code held}: an event above it may still be on its way.
     */
    private record Settled(Long upTo, boolean held) {
    }

    /**
     * The gaps are judged in one statement and the events read in the next: an event that commits in between lies
     * above {@code upTo} unless it fills a gap already older than the gap wait, which is taken as never filling.
     */
    private Settled settled(long after) {
        String youngSince = DateTimeUtils.formatInstant(clock.instant().minus(EventGaps.WAIT));
        return jdbc.queryForObject(SETTLED, new MapSqlParameterSource("after", after)
                .addValue("youngSince", youngSince), (rs, n) -> {
                    long held = rs.getLong("held");
                    if (!rs.wasNull()) {
                        return new Settled(held, true);
                    }
                    long head = rs.getLong("head");
                    return rs.wasNull() || head <= after ? new Settled(null, false) : new Settled(head, false);
                });
    }

    @Override
    public AuditPage page(AuditFilter filter, long after, int limit) {
        Settled settled = settled(after);
        if (settled.upTo() == null) {
            return new AuditPage(List.of(), null);
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, after, settled.upTo(), params) + " ORDER BY globalindex LIMIT :limit";
        params.addValue("limit", limit + 1);
        List<AuditEvent> events = jdbc.query(sql, params, (rs, n) -> event(rs));
        if (events.size() > limit) {
            List<AuditEvent> page = events.subList(0, limit);
            return new AuditPage(List.copyOf(page), page.get(limit - 1).globalIndex());
        }
        // every matching event up to the gap is on this page: the next one starts at the gap, once it has filled
        return new AuditPage(events, settled.held() ? settled.upTo() : null);
    }

    @Override
    public long stream(AuditFilter filter, long after, Consumer<AuditEvent> sink) {
        Settled settled = settled(after);
        if (settled.upTo() == null) {
            return 0;
        }
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, after, settled.upTo(), params) + " ORDER BY globalindex";
        long[] count = {0};
        // PostgreSQL streams a result (a cursor, FETCH_SIZE rows at a time) only inside a transaction
        transactions.executeWithoutResult(status -> streaming.query(sql, params, rs -> {
            sink.accept(event(rs));
            count[0]++;
        }));
        return count[0];
    }

    @Override
    public Map<Long, Long> globalIndexesOf(String writeId) {
        Map<Long, Long> indexes = new HashMap<>();
        jdbc.query("SELECT sequencenumber, globalindex FROM domainevententry WHERE aggregateidentifier = :id",
                Map.of("id", writeId), (ResultSet rs) -> {
                    indexes.put(rs.getLong("sequencenumber"), rs.getLong("globalindex"));
                });
        return indexes;
    }

    private static String where(AuditFilter filter, long after, long upTo, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" WHERE globalindex > :after AND globalindex <= :upTo");
        params.addValue("after", after).addValue("upTo", upTo);
        if (filter.writeId() != null) {
            where.append(" AND aggregateidentifier = :writeId");
            params.addValue("writeId", filter.writeId());
        }
        if (filter.userId() != null) {
            where.append(" AND aggregateidentifier IN (SELECT write_id FROM audit_write_index WHERE user_id = :userId)");
            params.addValue("userId", filter.userId());
        }
        if (filter.deviceId() != null) {
            where.append(" AND aggregateidentifier IN "
                    + "(SELECT write_id FROM audit_write_index WHERE device_id = :deviceId)");
            params.addValue("deviceId", filter.deviceId());
        }
        if (filter.resource() != null) {
            where.append(" AND aggregateidentifier IN "
                    + "(SELECT write_id FROM audit_write_resource WHERE resource = :resource)");
            params.addValue("resource", Mentions.normalize(filter.resource()));
        }
        if (!filter.payloadTypes().isEmpty()) {
            where.append(" AND payloadtype IN (:types)");
            params.addValue("types", filter.payloadTypes());
        }
        // Axon writes times as fixed-width ISO text, so text order is time order (Axon's own queries rely on it)
        if (filter.from() != null) {
            where.append(" AND timestamp >= :from");
            params.addValue("from", DateTimeUtils.formatInstant(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" AND timestamp < :to");
            params.addValue("to", DateTimeUtils.formatInstant(filter.to()));
        }
        return where.toString();
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(rs.getLong("globalindex"), rs.getString("payloadtype"),
                rs.getString("payloadrevision"), DateTimeUtils.parseInstant(rs.getString("timestamp")),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), json(rs.getBytes("payload")),
                json(rs.getBytes("metadata")));
    }

    /** The stored JSON, parsed; bytes that are not JSON (an altered row) are shown as text rather than hidden. */
    private static Object json(byte[] stored) {
        try {
            return Json.parse(stored);
        } catch (UncheckedIOException notJson) {
            return new String(stored, StandardCharsets.UTF_8);
        }
    }
}
