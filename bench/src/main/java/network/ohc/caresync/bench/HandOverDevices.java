package network.ohc.caresync.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Devices of the hand-over scenario. Each makes the scenario's mix (patient creates, encounters that are children of
 * its own creates, updates with a conflict check) and hands it to care-sync, or, for the baseline, inserts the very
 * same JSON into a plain table with plain JDBC.
 */
final class HandOverDevices {

    /** The version a device saw of the patients it updates; any id serves while CARE is offline. */
    private static final String SEEN = "2026-11-01T09:14:03.123456Z";

    private HandOverDevices() {
    }

    /** Makes one write at a time in the 4:3:3 mix; encounters name a patient this device created before. */
    static final class SingleWrites {
        private final String userId;
        private final Deque<String> patients = new ArrayDeque<>();
        private int n;
        private String lastPatient;

        SingleWrites(String userId) {
            this.userId = userId;
        }

        Map<String, Object> next() {
            int slot = n++ % 10;
            String id = Writes.newId();
            lastPatient = null;
            if (slot < 4 || patients.isEmpty()) {
                lastPatient = id;
                return Writes.createPatient(id, userId);
            }
            if (slot < 7) {
                return Writes.createEncounter(id, userId, patients.pollFirst());
            }
            return Writes.updatePatient(id, userId, UUID.randomUUID().toString(), SEEN);
        }

        /** The write just made was stored: a patient create may now have children. */
        void stored() {
            if (lastPatient != null) {
                patients.addLast(lastPatient);
                if (patients.size() > 20) {
                    patients.pollFirst();
                }
            }
        }
    }

    static List<Map<String, Object>> batch(String userId, int size) {
        List<String[]> seen = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            seen.add(new String[]{UUID.randomUUID().toString(), SEEN});
        }
        return Writes.mix(userId, size, seen);
    }

    static final class CareSyncSingle implements Drive.Device {
        private final CareSync careSync;
        private final CareSync.Session session;
        private final SingleWrites writes;
        private String next;

        CareSyncSingle(CareSync careSync, CareSync.Session session) {
            this.careSync = careSync;
            this.session = session;
            this.writes = new SingleWrites(session.userId());
        }

        @Override
        public void prepare() {
            next = Http.text(writes.next());
        }

        @Override
        public int send() {
            Http.Answer answer = careSync.handOver(session.token(), next);
            if (answer.status() != 202 && answer.status() != 200) {
                throw new IllegalStateException("hand-over answered " + answer);
            }
            writes.stored();
            return 1;
        }
    }

    static final class CareSyncBatch implements Drive.Device {
        private final CareSync careSync;
        private final CareSync.Session session;
        private final int size;
        private String next;

        CareSyncBatch(CareSync careSync, CareSync.Session session, int size) {
            this.careSync = careSync;
            this.session = session;
            this.size = size;
        }

        @Override
        public void prepare() {
            next = Http.text(batch(session.userId(), size));
        }

        @Override
        public int send() {
            Http.Answer answer = careSync.handOverBatch(session.token(), next);
            if (answer.status() != 200) {
                throw new IllegalStateException("batch answered " + answer);
            }
            int accepted = ((Number) answer.json().get("accepted")).intValue();
            if (accepted != size) {
                throw new IllegalStateException("batch: " + accepted + " of " + size + " accepted: " + answer);
            }
            return accepted;
        }
    }

    /** The plain-JDBC baseline: the same JSON, one row and one transaction per write (autocommit). */
    static final class JdbcSingle implements Drive.Device, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insert;
        private final SingleWrites writes;
        private final String userId;
        private String id;
        private String next;

        JdbcSingle(Connection connection, String userId) throws SQLException {
            this.connection = connection;
            this.insert = connection.prepareStatement(Baseline.INSERT);
            this.writes = new SingleWrites(userId);
            this.userId = userId;
        }

        @Override
        public void prepare() {
            Map<String, Object> write = writes.next();
            id = (String) write.get("id");
            next = Http.text(write);
        }

        @Override
        public int send() {
            try {
                insert.setString(1, id);
                insert.setString(2, userId);
                insert.setString(3, next);
                insert.executeUpdate();
                writes.stored();
                return 1;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /** The plain-JDBC baseline for batches: the same JSON, one transaction per batch. */
    static final class JdbcBatch implements Drive.Device, AutoCloseable {
        private final Connection connection;
        private final PreparedStatement insert;
        private final String userId;
        private final int size;
        private final List<String[]> next = new ArrayList<>();

        JdbcBatch(Connection connection, String userId, int size) throws SQLException {
            this.connection = connection;
            this.connection.setAutoCommit(false);
            this.insert = connection.prepareStatement(Baseline.INSERT);
            this.userId = userId;
            this.size = size;
        }

        @Override
        public void prepare() {
            next.clear();
            for (Map<String, Object> write : batch(userId, size)) {
                next.add(new String[]{(String) write.get("id"), Http.text(write)});
            }
        }

        @Override
        public int send() {
            try {
                for (String[] write : next) {
                    insert.setString(1, write[0]);
                    insert.setString(2, userId);
                    insert.setString(3, write[1]);
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
                return size;
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
