package network.ohc.caresync.infrastructure.cache;

import network.ohc.caresync.application.cache.OverlayWrite;
import network.ohc.caresync.application.cache.OverlayWrites;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.domain.write.WriteStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The user's writes for the overlay, read from the write views (archived ones left out). */
public class JdbcOverlayWrites implements OverlayWrites {

    /** More unsynced writes than this on the routes of one read are not laid over (oldest first are). */
    private static final int LIMIT = 2000;
    private static final List<String> UNSYNCED = List.of("pending", "blocked", "in_flight", "failed", "conflict",
            "in_doubt");
    private static final String COLUMNS = "write_id, seq, sync_route_key, status, path_params, query_params, payload, "
            + "received_at, real_id, response, updated_at";
    private static final RowMapper<OverlayWrite> ROW = JdbcOverlayWrites::row;

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcOverlayWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<OverlayWrite> of(String userId, Collection<String> syncRouteKeys, Instant syncedAfter) {
        if (syncRouteKeys.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource params = new MapSqlParameterSource("user", userId)
                .addValue("routes", syncRouteKeys).addValue("unsynced", UNSYNCED).addValue("limit", LIMIT);
        String synced = "";
        if (syncedAfter != null) {
            synced = " OR (status = 'success' AND updated_at > :after)";
            params.addValue("after", Timestamp.from(syncedAfter));
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM write_view WHERE user_id = :user AND NOT archived"
                + " AND sync_route_key IN (:routes) AND (status IN (:unsynced)" + synced + ")"
                + " ORDER BY seq LIMIT :limit", params, ROW);
    }

    @Override
    public List<OverlayWrite> byIds(String userId, Collection<String> writeIds) {
        List<String> ids = writeIds.stream().filter(id -> id != null && !id.isBlank() && id.length() <= 64)
                .distinct().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM write_view WHERE user_id = :user AND write_id IN (:ids)",
                new MapSqlParameterSource("user", userId).addValue("ids", ids), ROW);
    }

    @SuppressWarnings("unchecked")
    private static OverlayWrite row(ResultSet rs, int n) throws SQLException {
        return new OverlayWrite(rs.getString("write_id"), rs.getLong("seq"), rs.getString("sync_route_key"),
                WriteStatus.fromWireName(rs.getString("status")), (Map<String, Object>) json(rs, "path_params"),
                (Map<String, Object>) json(rs, "query_params"), (Map<String, Object>) json(rs, "payload"),
                instant(rs, "received_at"), rs.getString("real_id"), json(rs, "response"), instant(rs, "updated_at"));
    }

    private static Object json(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : Json.parse(text);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
