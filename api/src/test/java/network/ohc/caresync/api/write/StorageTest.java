package network.ohc.caresync.api.write;

import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What care-sync stores: JSON an auditor reads with plain SQL, in tables Flyway made, never large objects. */
class StorageTest extends CareSyncTest {

    @Test
    void eventsAreJsonInByteaWithWhoCausedThemAndNoLargeObjects() {
        String token = api.login(Users.ASHA);
        String patient = Writes.newId();
        String encounter = Writes.newId();
        handOver(token, Writes.createPatient(patient, Users.ASHA_ID));
        handOver(token, Writes.createEncounter(encounter, Users.ASHA_ID, patient, patient));
        awaitStatus(token, encounter, "success");

        Map<String, Object> created = jdbc.queryForMap("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'userId' AS owner,
                       convert_from(metadata, 'UTF8')::jsonb ->> 'actor' AS actor,
                       convert_from(metadata, 'UTF8')::jsonb ->> 'requestId' AS request,
                       payloadrevision
                FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 0""", patient);
        assertThat(created).containsEntry("owner", Users.ASHA_ID).containsEntry("actor", Users.ASHA_ID)
                .containsEntry("payloadrevision", "1");
        assertThat(created.get("request")).isNotNull();
        Map<String, Object> attempted = jdbc.queryForMap("""
                SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor' AS actor,
                       convert_from(metadata, 'UTF8')::jsonb ->> 'node' AS node
                FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%SyncAttempted'""", patient);
        assertThat(attempted).containsEntry("actor", "care-sync").containsEntry("node", "test-node");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Integer.class)).isZero();
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type = 'oid'""", String.class)).isEmpty();
        assertThat(jdbc.queryForList("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND column_name IN ('payload', 'metadata', 'token', 'serializedsaga')""",
                String.class)).isNotEmpty();
        assertThat(jdbc.queryForList("""
                SELECT DISTINCT data_type FROM information_schema.columns WHERE table_schema = 'public'
                AND table_name IN ('domainevententry', 'snapshotevententry', 'tokenentry', 'sagaentry',
                                   'deadletterentry', 'scheduled_tasks')
                AND column_name IN ('payload', 'metadata', 'token', 'serializedsaga', 'task_data')""", String.class))
                .containsExactly("bytea");
    }

    @Test
    void theEmbeddedDatabaseFlushesEveryCommitToDiskBeforeAWriteIsAcknowledged() {
        // zonky's default is synchronous_commit off: a power cut would lose writes devices were told were kept
        assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
        assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
    }

    @Test
    void everyTableWasCreatedByAFlywayMigration() {
        List<String> tables = jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'""",
                String.class);
        List<String> migrations = jdbc.queryForList("SELECT script FROM flyway_schema_history WHERE success",
                String.class);
        String scripts = String.join("\n", migrations.stream().map(this::scriptText).toList());

        assertThat(tables).contains("domainevententry", "snapshotevententry", "tokenentry", "sagaentry",
                "associationvalueentry", "deadletterentry", "scheduled_tasks", "write_view");
        for (String table : tables) {
            assertThat(scripts).as("table %s comes from a migration", table).containsIgnoringCase("TABLE " + table);
        }
    }

    private String scriptText(String script) {
        try (var in = getClass().getClassLoader().getResourceAsStream("db/migration/" + script)) {
            return new String(in.readAllBytes());
        } catch (Exception e) {
            throw new IllegalStateException(script, e);
        }
    }
}
