package network.ohc.caresync.api.sync;

import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction that never commits (rolled back, or cut short when care-sync is killed) leaves a hole in the event
 * store's global index for good. The dispatcher waits for the views to pass earlier writes; it must not wait for a
 * hole that will never fill (the reliability suite's crash scenario found writes held back forever).
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
}
