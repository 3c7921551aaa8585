package network.ohc.caresync.infrastructure.write;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.write.WriteRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which writes exist and whose they are, read from the first event of each write in the event store, so a write
 * handed over a moment ago counts even before the views caught up.
 */
public class EventStoreWriteRegistry implements WriteRegistry {

    private final JdbcTemplate jdbc;

    public EventStoreWriteRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> ownersOf(Collection<String> writeIds) {
        Map<String, String> owners = new HashMap<>();
        if (writeIds.isEmpty()) {
            return owners;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT aggregateidentifier, payload FROM domainevententry "
                            + "WHERE aggregateidentifier = ANY(?) AND sequencenumber = 0");
            statement.setArray(1, connection.createArrayOf("varchar", writeIds.toArray()));
            return statement;
        }, rs -> {
            Map<String, Object> created = Json.parseObject(rs.getBytes("payload"));
            if (created != null && created.get("userId") instanceof String userId) {
                owners.put(rs.getString("aggregateidentifier"), userId);
            }
        });
        return owners;
    }
}
