package network.ohc.caresync.infrastructure.cache;

import network.ohc.caresync.application.cache.CacheKey;
import network.ohc.caresync.application.cache.CachedEntry;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.json.Json;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** The query cache in PostgreSQL: one row per user and cached answer, evicted least recently used first. */
public class JdbcQueryCacheStore implements QueryCacheStore {

    private static final RowMapper<CachedEntry> ENTRY = (rs, n) -> new CachedEntry(rs.getString("route_key"),
            rs.getBytes("body"), rs.getTimestamp("fetched_at").toInstant(), rs.getTimestamp("expires_at").toInstant());

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcQueryCacheStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void put(String userId, CacheKey key, byte[] body, Instant fetchedAt, Instant expiresAt) {
        jdbc.update("""
                INSERT INTO query_cache_entry (user_id, cache_key, route_key, params, body, size_bytes, fetched_at,
                                               expires_at, last_used_at)
                VALUES (:user, :key, :route, CAST(:params AS jsonb), :body, :size, :fetched, :expires, :fetched)
                ON CONFLICT (user_id, cache_key) DO UPDATE SET body = EXCLUDED.body, size_bytes = EXCLUDED.size_bytes,
                    fetched_at = EXCLUDED.fetched_at, expires_at = EXCLUDED.expires_at,
                    last_used_at = EXCLUDED.last_used_at
                """, new MapSqlParameterSource("user", userId).addValue("key", key.value())
                .addValue("route", key.routeKey()).addValue("params", Json.storableText(key.params()))
                .addValue("body", body).addValue("size", body.length)
                .addValue("fetched", Timestamp.from(fetchedAt)).addValue("expires", Timestamp.from(expiresAt)));
    }

    @Override
    public Optional<CachedEntry> use(String userId, CacheKey key, Instant now) {
        return jdbc.query("""
                UPDATE query_cache_entry SET last_used_at = GREATEST(last_used_at, :now)
                WHERE user_id = :user AND cache_key = :key AND expires_at > :now
                RETURNING route_key, body, fetched_at, expires_at
                """, params(userId, key, now), ENTRY).stream().findFirst();
    }

    @Override
    public Optional<CachedEntry> peek(String userId, CacheKey key, Instant now) {
        return jdbc.query("""
                SELECT route_key, body, fetched_at, expires_at FROM query_cache_entry
                WHERE user_id = :user AND cache_key = :key AND expires_at > :now
                """, params(userId, key, now), ENTRY).stream().findFirst();
    }

    @Override
    public int evict(String userId, long maxBytesPerUser, long maxBytesTotal) {
        int evicted = jdbc.update("""
                DELETE FROM query_cache_entry e USING (
                    SELECT cache_key, sum(size_bytes) OVER (ORDER BY last_used_at DESC, cache_key) AS kept
                    FROM query_cache_entry WHERE user_id = :user) r
                WHERE e.user_id = :user AND e.cache_key = r.cache_key AND r.kept > :max
                """, new MapSqlParameterSource("user", userId).addValue("max", maxBytesPerUser));
        Long total = jdbc.getJdbcTemplate().queryForObject(
                "SELECT coalesce(sum(size_bytes), 0) FROM query_cache_entry", Long.class);
        if (total != null && total > maxBytesTotal) {
            evicted += jdbc.update("""
                    DELETE FROM query_cache_entry e USING (
                        SELECT user_id, cache_key,
                               sum(size_bytes) OVER (ORDER BY last_used_at DESC, user_id, cache_key) AS kept
                        FROM query_cache_entry) r
                    WHERE e.user_id = r.user_id AND e.cache_key = r.cache_key AND r.kept > :max
                    """, Map.of("max", maxBytesTotal));
        }
        return evicted;
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.update("DELETE FROM query_cache_entry WHERE expires_at <= :now", Map.of("now", Timestamp.from(now)));
    }

    @Override
    public int deleteUser(String userId) {
        return jdbc.update("DELETE FROM query_cache_entry WHERE user_id = :user", Map.of("user", userId));
    }

    @Override
    public Usage usage() {
        return jdbc.getJdbcTemplate().queryForObject(
                "SELECT coalesce(sum(size_bytes), 0) AS bytes, count(*) AS entries FROM query_cache_entry",
                (rs, n) -> new Usage(rs.getLong("bytes"), rs.getLong("entries")));
    }

    private static MapSqlParameterSource params(String userId, CacheKey key, Instant now) {
        return new MapSqlParameterSource("user", userId).addValue("key", key.value())
                .addValue("now", Timestamp.from(now));
    }
}
