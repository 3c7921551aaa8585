package network.ohc.caresync.infrastructure.dashboard;

import network.ohc.caresync.application.dashboard.DashboardFigures;
import network.ohc.caresync.application.dashboard.RecentProblem;
import network.ohc.caresync.application.dashboard.UserBacklog;
import network.ohc.caresync.domain.write.WriteStatus;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's figures from the write views, with usernames from the credential table. Throughput counts
 * successes by the time they reached CARE (a success's row last changes when it syncs); successes archived by the
 * cleanup are left out, which only matters if the cleanup age is set below the throughput span.
 */
public class JdbcDashboardFigures implements DashboardFigures {

    private static final List<String> UNFINISHED = List.of("pending", "blocked", "in_flight", "failed", "conflict",
            "in_doubt");
    private static final List<String> PROBLEMS = List.of("failed", "conflict", "in_doubt");

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcDashboardFigures(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<UserBacklog> backlogByUser() {
        Map<String, String> usernames = new HashMap<>();
        Map<String, Map<WriteStatus, Long>> counts = new LinkedHashMap<>();
        jdbc.query("""
                SELECT w.user_id, c.username, w.status, count(*) AS n
                FROM write_view w LEFT JOIN care_credential c ON c.user_id = w.user_id
                WHERE NOT w.archived AND w.status IN (:statuses)
                GROUP BY w.user_id, c.username, w.status
                """, Map.of("statuses", UNFINISHED), (ResultSet rs) -> {
            String user = rs.getString("user_id");
            usernames.put(user, rs.getString("username"));
            counts.computeIfAbsent(user, u -> new EnumMap<>(WriteStatus.class))
                    .put(WriteStatus.fromWireName(rs.getString("status")), rs.getLong("n"));
        });
        List<UserBacklog> backlog = new ArrayList<>();
        counts.forEach((user, byStatus) -> backlog.add(new UserBacklog(user, usernames.get(user), byStatus)));
        backlog.sort(Comparator.comparingLong(UserBacklog::total).reversed().thenComparing(UserBacklog::userId));
        return backlog;
    }

    @Override
    public Map<Integer, Long> syncedPerBucket(Instant from, Duration width) {
        Map<Integer, Long> buckets = new HashMap<>();
        jdbc.query("""
                SELECT floor(extract(epoch FROM (updated_at - CAST(:from AS timestamptz))) * 1000 / :width)::int
                           AS bucket, count(*) AS n
                FROM write_view
                WHERE status = 'success' AND NOT archived AND updated_at >= CAST(:from AS timestamptz)
                GROUP BY bucket
                """, new MapSqlParameterSource().addValue("from", Timestamp.from(from))
                .addValue("width", width.toMillis()), (ResultSet rs) -> {
            buckets.put(rs.getInt("bucket"), rs.getLong("n"));
        });
        return buckets;
    }

    @Override
    public List<RecentProblem> recentProblems(int limit) {
        return jdbc.query("""
                SELECT w.write_id, w.user_id, c.username, w.sync_route_key, w.resource_type, w.status, w.retryable,
                       w.retries, w.last_error ->> 'message' AS message, w.updated_at
                FROM write_view w LEFT JOIN care_credential c ON c.user_id = w.user_id
                WHERE NOT w.archived AND w.status IN (:statuses)
                ORDER BY w.updated_at DESC, w.seq DESC
                LIMIT :limit
                """, new MapSqlParameterSource().addValue("statuses", PROBLEMS).addValue("limit", limit),
                (rs, n) -> new RecentProblem(rs.getString("write_id"), rs.getString("user_id"),
                        rs.getString("username"), rs.getString("sync_route_key"), rs.getString("resource_type"),
                        WriteStatus.fromWireName(rs.getString("status")),
                        (Boolean) rs.getObject("retryable"), rs.getInt("retries"), rs.getString("message"),
                        rs.getTimestamp("updated_at").toInstant()));
    }
}
