package network.ohc.caresync.infrastructure.cache;

import network.ohc.caresync.application.cache.WriteBaseStore;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.infrastructure.db.BatchedChanges;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Base versions of writes in PostgreSQL. A base is CARE's record as cached: text jsonb cannot store (a NUL, a broken
 * surrogate pair) is kept as U+FFFD, or the write-bases projection would stop on it.
 */
public class JdbcWriteBaseStore implements WriteBaseStore {

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcWriteBaseStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Sent with the batch of the event processor's unit of work where there is one ({@link BatchedChanges}). */
    private void change(String writeId, String sql, MapSqlParameterSource params) {
        BatchedChanges batch = BatchedChanges.current(jdbc);
        if (batch != null) {
            batch.add("write_base " + writeId, sql, params);
        } else {
            jdbc.update(sql, params);
        }
    }

    @Override
    public void keep(String writeId, String userId, Map<String, Object> base, Instant at) {
        change(writeId, """
                INSERT INTO write_base (write_id, user_id, base, kept_at)
                VALUES (:id, :user, CAST(:base AS jsonb), :at)
                ON CONFLICT (write_id) DO NOTHING
                """, new MapSqlParameterSource("id", writeId).addValue("user", userId)
                .addValue("base", Json.storableText(base)).addValue("at", Timestamp.from(at)));
    }

    @Override
    public Optional<Map<String, Object>> find(String writeId) {
        BatchedChanges.flushCurrent();
        return jdbc.query("SELECT base FROM write_base WHERE write_id = :id", Map.of("id", writeId),
                (rs, n) -> Json.asObject(Json.parse(rs.getString("base")))).stream().findFirst();
    }

    @Override
    public void delete(String writeId) {
        change(writeId, "DELETE FROM write_base WHERE write_id = :id", new MapSqlParameterSource("id", writeId));
    }

    @Override
    public void deleteAll() {
        BatchedChanges.flushCurrent();
        jdbc.getJdbcTemplate().execute("TRUNCATE write_base");
    }
}
