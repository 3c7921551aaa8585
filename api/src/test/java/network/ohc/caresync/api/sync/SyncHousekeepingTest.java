package network.ohc.caresync.api.sync;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What the engine does on its own: the scheduled cleanup of old successes and its bound on concurrent requests. */
class SyncHousekeepingTest extends CareSyncTest {

    @Autowired
    CareSyncProperties properties;
    @Autowired
    MeterRegistry meters;

    @Test
    void theScheduledCleanupArchivesSuccessesOlderThanTheConfiguredAgeAndOnlyThose() {
        String token = api.login(Users.MEENA);
        String old = Writes.newId();
        String recent = Writes.newId();
        handOver(token, Writes.createPatient(old, Users.MEENA_ID));
        handOver(token, Writes.createPatient(recent, Users.MEENA_ID));
        awaitStatus(token, old, "success");
        awaitStatus(token, recent, "success");

        // the views are a projection: make one success look as old as a week and a day (the default age is 7 days)
        jdbc.update("UPDATE write_view SET updated_at = now() - interval '8 days' WHERE write_id = ?", old);

        Map<String, Object> archived = awaitWrite(token, old, w -> Boolean.TRUE.equals(w.get("archived")));
        assertThat(historyTypes(archived)).endsWith("WriteArchived");
        assertThat(historyTypes(archived)).filteredOn("WriteArchived"::equals).hasSize(1);
        // the pass that archived the old success saw the recent one too, and left it
        assertThat(write(token, recent)).containsEntry("archived", false).containsEntry("syncStatus", "success");
        assertThat(historyTypes(write(token, recent))).doesNotContain("WriteArchived");
    }

    @Test
    void concurrentUpstreamRequestsNeverExceedTheConfiguredBoundAndReachIt() throws InterruptedException {
        int bound = properties.getSync().getMaxInFlight();
        String token = api.login(Users.ASHA);
        // slow creates keep attempts in flight long enough for the sampler to see the bound reached
        simulator.faults(Map.of("latencyMs", 400, "faultRoutes", List.of("POST /api/v1/patient/")));
        List<Object> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < bound * 3; i++) {
            String id = Writes.newId();
            ids.add(id);
            batch.add(Writes.createPatient(id, Users.ASHA_ID));
        }
        Gauge inFlight = meters.get("care_sync_requests_in_flight").gauge();
        AtomicInteger most = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                most.accumulateAndGet((int) inFlight.value(), Math::max);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "in-flight-sampler");
        sampler.setDaemon(true);
        sampler.start();
        try {
            Api.Answer answer = api.post("/api/v1/offline-writes/batch", token, batch);
            assertThat(answer.json()).containsEntry("accepted", bound * 3);
            for (String id : ids) {
                awaitStatus(token, id, "success");
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }

        assertThat(most.get()).isEqualTo(bound);
        assertThat(ids).allSatisfy(id -> assertThat(simulator.applied(id)).isEqualTo(1));
    }
}
