package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.audit.AuditEvent;
import network.ohc.caresync.application.audit.AuditFilter;
import network.ohc.caresync.application.audit.AuditLog;
import network.ohc.caresync.application.audit.AuditPage;
import network.ohc.caresync.application.audit.Mentions;
import network.ohc.caresync.application.json.Json;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event store as auditors read it, straight from {@code domainevententry}: events as stored (not upcast), in the
 * order of the global index. Filters by user, device and resource go through the audit index.
 */
public class JdbcAuditLog implements AuditLog {

    private static final int FETCH_SIZE = 500;
    private static final String COLUMNS = "SELECT globalindex, aggregateidentifier, sequencenumber, payloadtype, "
            + "payloadrevision, timestamp, payload, metadata FROM domainevententry";

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate transactions;

    public JdbcAuditLog(DataSource dataSource, TransactionTemplate transactions) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        org.springframework.jdbc.core.JdbcTemplate fetching = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        fetching.setFetchSize(FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(fetching);
        this.transactions = transactions;
    }

    @Override
    public AuditPage page(AuditFilter filter, long after, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, after, params) + " ORDER BY globalindex LIMIT :limit";
        params.addValue("limit", limit + 1);
        List<AuditEvent> events = jdbc.query(sql, params, (rs, n) -> event(rs));
        if (events.size() > limit) {
            List<AuditEvent> page = events.subList(0, limit);
            return new AuditPage(List.copyOf(page), page.get(limit - 1).globalIndex());
        }
        return new AuditPage(events, null);
    }

    @Override
    public long stream(AuditFilter filter, long after, Consumer<AuditEvent> sink) {
        MapSqlParameterSource params = new MapSqlParameterSource();
        String sql = COLUMNS + where(filter, after, params) + " ORDER BY globalindex";
        long[] count = {0};
        // PostgreSQL streams a result (a cursor, FETCH_SIZE rows at a time) only inside a transaction
        transactions.executeWithoutResult(status -> streaming.query(sql, params, rs -> {
            sink.accept(event(rs));
            count[0]++;
        }));
        return count[0];
    }

    private static String where(AuditFilter filter, long after, MapSqlParameterSource params) {
        StringBuilder where = new StringBuilder(" WHERE globalindex > :after");
        params.addValue("after", after);
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
