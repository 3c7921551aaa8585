package network.ohc.caresync.api.sync;

import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holes in the event store's global index: a transaction that never commits leaves one for good, and one that
 * commits after a later one fills it late. Neither may hold writes back or break the views (the reliability suite's
 * crash scenario found both: writes held back forever, and two writes given the same place in the queue).
 */
class EventGapTest extends CareSyncTest {

    @Test
    void aTransactionThatNeverCommittedDoesNotHoldLaterWritesBack() {
        String token = api.login(Users.ASHA);
        // what an append that rolled back leaves behind: a global index taken and never used
        jdbc.queryForObject("SELECT nextval(pg_get_serial_sequence('domainevententry', 'globalindex'))", Long.class);
        String id = Writes.newId();
        assertThat(handOver(token, Writes.createPatient(id, Users.ASHA_ID)).status()).isEqualTo(202);

        awaitWrite(token, id, status("success"), Duration.ofSeconds(30));
        assertThat(simulator.applied(id)).isEqualTo(1);
    }

    @Test
    void aWriteWhoseEventCommitsAfterALaterOnesKeepsItsOwnPlace() throws Exception {
        String token = api.login(Users.ASHA);
        String early = Writes.newId();
        String late = Writes.newId();
        CompletableFuture<Api.Answer> earlyHandOver;
        try (Connection blocker = jdbc.getDataSource().getConnection()) {
            // an uncommitted event of the same write makes care-sync's append wait after it took its global index
            blocker.setAutoCommit(false);
            try (PreparedStatement insert = blocker.prepareStatement("INSERT INTO domainevententry (aggregateidentifier,"
                    + " sequencenumber, type, eventidentifier, payload, payloadtype, timestamp)"
                    + " VALUES (?, 0, 'OfflineWrite', ?, '\\x7b7d', 'placeholder', '2026-01-01T00:00:00Z')")) {
                insert.setString(1, early);
                insert.setString(2, UUID.randomUUID().toString());
                insert.executeUpdate();
            }
            earlyHandOver = CompletableFuture.supplyAsync(() -> handOver(token,
                    Writes.createPatient(early, Users.ASHA_ID)));
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("SELECT count(*) FROM "
                    + "pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO DomainEventEntry%'"
                    + " OR wait_event_type = 'Lock' AND query ILIKE 'insert into domainevententry%'", Integer.class) > 0);
            assertThat(handOver(token, Writes.createPatient(late, Users.ASHA_ID)).status()).isEqualTo(202);
            awaitWrite(token, late, status("success"));
            blocker.rollback();
        }
        assertThat(earlyHandOver.get().status()).isEqualTo(202);

        awaitWrite(token, early, status("success"));
        assertThat(simulator.applied(early)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT seq FROM write_view WHERE write_id = ?", Long.class, early))
                .isEqualTo(jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?"
                        + " AND sequencenumber = 0", Long.class, early));
    }
}
