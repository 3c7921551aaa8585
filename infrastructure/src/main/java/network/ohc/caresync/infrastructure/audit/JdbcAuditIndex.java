package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.audit.AuditIndex;
import network.ohc.caresync.application.json.StorableText;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.List;

/** The auditors' index in PostgreSQL; every insert is ignored when the row is there already. */
public class JdbcAuditIndex implements AuditIndex {

    private final JdbcTemplate jdbc;

    public JdbcAuditIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void written(String writeId, String userId, String deviceId) {
        jdbc.update("INSERT INTO audit_write_index (write_id, user_id, device_id) VALUES (?, ?, ?) "
                + "ON CONFLICT (write_id) DO NOTHING", writeId, userId, deviceId);
    }

    @Override
    public void mentions(String writeId, Collection<String> resources) {
        // a real id is whatever CARE answered: one that does not fit the column or is no storable text is no id to
        // look up by, and inserting it would stop the audit index for good
        List<Object[]> rows = resources.stream().filter(r -> r.length() <= 300 && StorableText.isStorable(r))
                .map(r -> new Object[]{r, writeId}).toList();
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_write_resource (resource, write_id) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING", rows);
        }
    }

    @Override
    public void deleteAll() {
        jdbc.execute("TRUNCATE audit_write_index, audit_write_resource");
    }
}
