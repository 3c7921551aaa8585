package network.ohc.caresync.infrastructure.cache;

import network.ohc.caresync.application.cache.PersistedClient;
import network.ohc.caresync.application.cache.PersistedClientStore;
import network.ohc.caresync.application.json.Json;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Timestamp;
import java.util.Map;
import java.util.Optional;

/** Persisted TanStack Query clients in PostgreSQL, one row per user. */
public class JdbcPersistedClientStore implements PersistedClientStore {

    private final NamedParameterJdbcTemplate jdbc;

    public JdbcPersistedClientStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(String userId, PersistedClient client, byte[] json) {
        jdbc.update("""
                INSERT INTO persisted_client (user_id, buster, client, size_bytes, stored_at)
                VALUES (:user, :buster, :client, :size, :at)
                ON CONFLICT (user_id) DO UPDATE SET buster = EXCLUDED.buster, client = EXCLUDED.client,
                    size_bytes = EXCLUDED.size_bytes, stored_at = EXCLUDED.stored_at
                """, new MapSqlParameterSource("user", userId).addValue("buster", client.buster())
                .addValue("client", json).addValue("size", json.length)
                .addValue("at", Timestamp.from(client.storedAt())));
    }

    @Override
    public Optional<PersistedClient> find(String userId) {
        return jdbc.query("SELECT client, stored_at FROM persisted_client WHERE user_id = :user",
                Map.of("user", userId), (rs, n) -> {
                    Map<String, Object> document = Json.parseObject(rs.getBytes("client"));
                    Number timestamp = (Number) document.get("timestamp");
                    return new PersistedClient((String) document.get("buster"),
                            timestamp == null ? 0 : timestamp.longValue(), Json.asObject(document.get("clientState")),
                            rs.getTimestamp("stored_at").toInstant());
                }).stream().findFirst();
    }

    @Override
    public boolean delete(String userId) {
        return jdbc.update("DELETE FROM persisted_client WHERE user_id = :user", Map.of("user", userId)) > 0;
    }
}
