package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.audit.AuditIndex;
import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.infrastructure.db.BatchedChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.Collection;
import java.util.List;

/** The auditors' index in PostgreSQL; every insert is ignored when the row is there already. */
public class JdbcAuditIndex implements AuditIndex {

    private static final String WRITTEN = "INSERT INTO audit_write_index (write_id, user_id, device_id) "
            + "VALUES (:id, :user, :device) ON CONFLICT (write_id) DO NOTHING";
    private static final String MENTIONED = "INSERT INTO audit_write_resource (resource, write_id) VALUES (:resource, :id) "
            + "ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public JdbcAuditIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * Sent with the batch of the event processor's unit of work where there is one ({@link BatchedChanges}): the
     * index's inserts are ignored when their row is there, so they do not depend on one another.
     */
    @Override
    public void written(String writeId, String userId, String deviceId) {
        MapSqlParameterSource row = new MapSqlParameterSource("id", writeId).addValue("user", userId)
                .addValue("device", deviceId);
        BatchedChanges batch = BatchedChanges.current(named);
        if (batch != null) {
            batch.add("audit_write_index " + writeId, WRITTEN, row);
        } else {
            named.update(WRITTEN, row);
        }
    }

    @Override
    public void mentions(String writeId, Collection<String> resources) {
        // a real id is whatever CARE answered: one that does not fit the column or is no storable text is no id to
        // look up by, and inserting it would stop the audit index for good
        List<String> mentioned = resources.stream().filter(r -> r.length() <= 300 && StorableText.isStorable(r))
                .toList();
        if (mentioned.isEmpty()) {
            return;
        }
        BatchedChanges batch = BatchedChanges.current(named);
        if (batch != null) {
            for (String resource : mentioned) {
                batch.add("audit_write_resource " + writeId + " " + resource, MENTIONED,
                        new MapSqlParameterSource("resource", resource).addValue("id", writeId));
            }
        } else {
            named.batchUpdate(MENTIONED, mentioned.stream().map(resource -> new MapSqlParameterSource("resource", resource)
                    .addValue("id", writeId)).toArray(MapSqlParameterSource[]::new));
        }
    }

    @Override
    public void deleteAll() {
        BatchedChanges.flushCurrent();
        jdbc.execute("TRUNCATE audit_write_index, audit_write_resource");
    }
}
