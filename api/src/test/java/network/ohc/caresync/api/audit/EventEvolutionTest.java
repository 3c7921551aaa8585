package network.ohc.caresync.api.audit;

import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.infrastructure.audit.EventSeal;
import network.ohc.caresync.infrastructure.audit.StoredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Events evolve by revision: old ones are upcast as they are read, and stay as they were stored (and sealed). */
class EventEvolutionTest extends AuditTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    EventSeal seal;

    @Test
    void aRevisionOneAttemptStoredLongAgoIsReadAsRevisionTwoAndItsSealStillHolds() {
        String writeId = "offline-" + UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        String timestamp = "2025-06-01T10:00:00.000Z";
        byte[] payload = ("{\"writeId\":\"" + writeId + "\",\"attempt\":1,\"node\":\"old-node\",\"request\":"
                + "{\"method\":\"POST\",\"path\":\"/api/v1/patient/\",\"bodyHash\":\"" + "ab".repeat(32) + "\"},"
                + "\"at\":\"2025-06-01T10:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
        byte[] metadata = "{\"actor\":\"care-sync\",\"actorRole\":\"engine\",\"node\":\"old-node\"}"
                .getBytes(StandardCharsets.UTF_8);
        String sealed = seal.seal(EventSeal.GENESIS, new StoredEvent(0, eventId, writeId, 0, "OfflineWrite",
                SyncAttempted.class.getName(), "1", timestamp, payload, metadata));
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, "
                        + "metadata, payload, payloadrevision, payloadtype, timestamp) VALUES (?, 0, 'OfflineWrite', ?, ?, ?, "
                        + "'1', ?, ?)", writeId, eventId,
                ("{\"actor\":\"care-sync\",\"actorRole\":\"engine\",\"node\":\"old-node\",\"chain\":\"" + sealed + "\"}")
                        .getBytes(StandardCharsets.UTF_8), payload, SyncAttempted.class.getName(), timestamp);
        String auditor = api.login(Users.MEENA);

        List<? extends DomainEventMessage<?>> read = eventStore.readEvents(writeId).asStream().toList();
        Map<String, Object> stored = events(auditor, "writeId=" + writeId).get(0);
        Map<String, Object> check = api.get("/api/v1/audit/verify?writeId=" + writeId, auditor).json();

        assertThat(read).hasSize(1);
        SyncAttempted attempt = (SyncAttempted) read.get(0).getPayload();
        assertThat(attempt.request().idempotencyKey()).isEqualTo(writeId);
        assertThat(attempt.request().path()).isEqualTo("/api/v1/patient/");
        assertThat(stored).containsEntry("revision", "1").containsEntry("type", "SyncAttempted");
        assertThat(map(map(stored.get("payload")).get("request"))).doesNotContainKey("idempotencyKey");
        assertThat(check).containsEntry("checked", 1).containsEntry("breakCount", 0);
    }
}
