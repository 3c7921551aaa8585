package network.ohc.caresync.api.write;

import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ConcurrentHandOverTest extends CareSyncTest {

    private static final int DEVICES = 16;
    private static final int WRITES_EACH = 10;

    /**
     * Many devices at once commit their events out of global-index order; an event that fills such a gap reaches the
     * views with a token whose position is the highest index seen, not its own. Each write must still be ordered by
     * the global index of its own first event, and no two writes may collide on it (found by the benchmark).
     */
    @Test
    void writesHandedOverAtOnceAreAllInTheViewsInTheOrderOfTheirFirstEvent() throws Exception {
        String token = api.login(Users.ASHA);
        simulator.offline();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService devices = Executors.newFixedThreadPool(DEVICES);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                running.add(devices.submit(() -> {
                    for (int i = 0; i < WRITES_EACH; i++) {
                        String id = Writes.newId();
                        assertThat(handOver(token, Writes.createPatient(id, Users.ASHA_ID)).status()).isEqualTo(202);
                        ids.add(id);
                    }
                    return null;
                }));
            }
            for (Future<?> device : running) {
                device.get();
            }
        } finally {
            devices.shutdownNow();
        }

        try {
            String inIds = "'" + String.join("','", ids) + "'";
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM write_view WHERE write_id IN (" + inIds + ")", Integer.class) == ids.size());
            assertThat(jdbc.queryForObject("""
                    SELECT count(*) FROM write_view w JOIN domainevententry d
                      ON d.aggregateidentifier = w.write_id AND d.sequencenumber = 0
                    WHERE w.write_id IN (%s) AND w.seq <> d.globalindex""".formatted(inIds), Integer.class)).isZero();
        } finally {
            // the database is shared: leave no backlog for the tests that bring CARE back
            for (String id : ids) {
                api.post("/api/v1/offline-writes/" + id + "/discard", token, Map.of("reason", "test done"));
            }
        }
    }
}
