package network.ohc.caresync.api.write;

import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.domain.write.MarkParentFailed;
import network.ohc.caresync.domain.write.MarkParentRecovering;
import network.ohc.caresync.domain.write.OfflineWrite;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.infrastructure.axon.AxonConfiguration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What care-sync stores: JSON an auditor reads with plain SQL, in tables Flyway made, never large objects. */
class StorageTest extends CareSyncTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    ConnectivityMonitor connectivity;

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
    void aWriteWithManyEventsIsSnapshottedAsJsonAndBehavesAsWithoutTheSnapshot() {
        String token = api.login(Users.RAVI);
        String auditor = api.login(Users.KIRAN);
        simulator.offline();
        await().atMost(Duration.ofSeconds(10)).until(() -> !connectivity.isOnline());
        String first = Writes.newId();
        String second = Writes.newId();
        String child = Writes.newId();
        handOver(token, Writes.createPatient(first, Users.RAVI_ID));
        handOver(token, Writes.createPatient(second, Users.RAVI_ID));
        Map<String, Object> childWrite = Writes.createEncounter(child, Users.RAVI_ID, first, first, second);
        handOver(token, childWrite);
        // a parent failing and recovering again and again: two events each time
        int rounds = AxonConfiguration.SNAPSHOT_AFTER_EVENTS / 2 + 1;
        for (int i = 0; i < rounds; i++) {
            commands.sendAndWait(new MarkParentFailed(child, first, WriteStatus.FAILED, Instant.now()));
            commands.sendAndWait(new MarkParentRecovering(child, first, Instant.now()));
        }
        int events = 2 + 2 * rounds;

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, child) > 0);
        Map<String, Object> snapshot = jdbc.queryForMap("""
                SELECT sequencenumber, payloadtype, convert_from(payload, 'UTF8')::jsonb ->> 'writeId' AS write,
                       convert_from(payload, 'UTF8')::jsonb -> 'unresolvedParents' AS parents
                FROM snapshotevententry WHERE aggregateidentifier = ?""", child);
        assertThat(((Number) snapshot.get("sequencenumber")).intValue())
                .isGreaterThanOrEqualTo(AxonConfiguration.SNAPSHOT_AFTER_EVENTS - 1);
        assertThat(snapshot).containsEntry("payloadtype", OfflineWrite.class.getName()).containsEntry("write", child);
        assertThat(snapshot.get("parents").toString()).isEqualTo("[\"" + first + "\", \"" + second + "\"]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_largeobject_metadata", Integer.class)).isZero();

        // history, the auditors' check and the registry still read every event
        Map<String, Object> blocked = awaitWrite(token, child, w -> historyTypes(w).size() == events);
        assertThat(historyTypes(blocked).get(0)).isEqualTo("OfflineWriteCreated");
        assertThat(historyTypes(blocked)).doesNotContain("OfflineWrite");
        assertThat(api.get("/api/v1/audit/verify?writeId=" + child, auditor).json())
                .containsEntry("checked", events).containsEntry("breakCount", 0);
        assertThat(handOver(token, childWrite).status())
                .as("the same write again, answered from the snapshot's state").isEqualTo(200);

        // the next commands, on the state loaded from the snapshot, do what they did before it
        commands.sendAndWait(new MarkParentFailed(child, first, WriteStatus.FAILED, Instant.now()));
        assertThat(lastEvent(write(token, child))).containsEntry("type", "WriteBlocked")
                .containsEntry("reason", "parent_failed").containsEntry("blockedBy", List.of(first))
                .containsEntry("sequence", events);
        commands.sendAndWait(new MarkParentRecovering(child, first, Instant.now()));
        assertThat(lastEvent(write(token, child))).containsEntry("type", "WriteBlocked")
                .containsEntry("reason", "waiting_for_parent").containsEntry("blockedBy", List.of(first, second))
                .containsEntry("sequence", events + 1);

        simulator.online();
        Map<String, Object> patient = awaitStatus(token, first, "success");
        Map<String, Object> synced = awaitStatus(token, child, "success");
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = (Map<String, Object>) synced.get("payload");
        assertThat(payload).containsEntry("patient", patient.get("realId"));
        // loaded from the snapshot all along: a snapshot passed over would have had the write replay every event
        // again and be snapshotted anew further on
        assertThat(jdbc.queryForObject("SELECT max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?",
                Long.class, child)).isEqualTo(((Number) snapshot.get("sequencenumber")).longValue());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> lastEvent(Map<String, Object> write) {
        List<Map<String, Object>> history = (List<Map<String, Object>>) write.get("history");
        return history.get(history.size() - 1);
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
