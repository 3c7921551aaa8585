package network.ohc.caresync.infrastructure.write;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.write.WriteRegistry;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.SyncedParent;
import network.ohc.caresync.domain.write.Synced;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Which writes exist, whose they are and which CARE accepted, read from the events of each write in the event
 * store, so a write handed over or synced a moment ago counts even before the views caught up.
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

    /**
     * A write CARE accepted has a {@code Synced} event, or an {@code InDoubtReconciled} found applied; either is its
     * last word upstream (a synced write never syncs again), so its real id and modified_date are final.
     */
    @Override
    public Map<String, SyncedParent> syncedAmong(Collection<String> writeIds) {
        Map<String, SyncedParent> synced = new HashMap<>();
        if (writeIds.isEmpty()) {
            return synced;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT aggregateidentifier, payloadtype, payload FROM domainevententry "
                            + "WHERE aggregateidentifier = ANY(?) AND payloadtype IN (?, ?)");
            statement.setArray(1, connection.createArrayOf("varchar", writeIds.toArray()));
            statement.setString(2, Synced.class.getName());
            statement.setString(3, InDoubtReconciled.class.getName());
            return statement;
        }, rs -> {
            Map<String, Object> event = Json.parseObject(rs.getBytes("payload"));
            boolean accepted = event != null && (Synced.class.getName().equals(rs.getString("payloadtype"))
                    || Boolean.TRUE.equals(event.get("applied")));
            if (accepted && event.get("realId") instanceof String realId) {
                String writeId = rs.getString("aggregateidentifier");
                synced.put(writeId, new SyncedParent(writeId, realId,
                        event.get("modifiedDate") instanceof String modified ? modified : null));
            }
        });
        return synced;
    }
}
