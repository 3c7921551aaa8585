package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.CareSyncNode;
import network.ohc.caresync.reliability.support.Devices;
import network.ohc.caresync.reliability.support.Ledger;
import network.ohc.caresync.reliability.support.Logs;
import network.ohc.caresync.reliability.support.Scenario;
import network.ohc.caresync.reliability.support.Simulator;
import network.ohc.caresync.reliability.support.Size;
import network.ohc.caresync.reliability.support.Workload;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CARE misbehaving while devices keep handing writes over and care-sync drains them: latency spikes past the read
 * timeout, 5xx and 429 answers, connection resets, answers lost after the write was applied, the link going down
 * and up every few seconds, access tokens expiring, then refresh tokens too (users sign in again). Same checks.
 */
@Order(3)
class UpstreamFaultsIT {

    private static final Map<String, Object> STORM = Map.of("latencySpikeRate", 0.05, "latencySpikeMs", 4000,
            "errorRate", 0.1, "resetRate", 0.05, "dropAfterApplyRate", 0.05);

    @Test
    void writesSurviveAMisbehavingUpstream() throws Exception {
        int waves = 6;
        int perWave = Size.of("upstream.writes", 360, 3000) / waves;
        try (Scenario scenario = Scenario.begin("upstream")) {
            CareSyncNode node = scenario.node("a").start();
            List<Api.Session> sessions = scenario.signIn(node.api(), Simulator.STAFF);
            Ledger ledger = scenario.ledger();
            Simulator care = scenario.simulator();
            List<Devices> handOvers = new ArrayList<>();
            Map<String, Object> weather = new LinkedHashMap<>();
            Instant started = Instant.now();

            // 1: a storm of every kind of fault
            care.faults(withStatus(503));
            handOvers.add(wave(node, sessions, perWave, "Storm", scenario, ledger));
            Thread.sleep(2_500);
            care.faults(withStatus(429));
            Thread.sleep(2_500);
            care.faults(withStatus(500));
            Thread.sleep(2_500);
            weather.put("storm (spikes past the read timeout, 5xx/429, resets, lost answers)", "7.5 s");

            // 2: the link flaps every two seconds
            care.faults(withStatus(502));
            handOvers.add(wave(node, sessions, perWave, "Flap", scenario, ledger));
            for (int i = 0; i < 3; i++) {
                care.offline(true);
                Thread.sleep(2_000);
                care.offline(false);
                Thread.sleep(2_000);
            }
            weather.put("link down and up", "3 times, 2 s each");

            // 3: every access token expires in the middle of the drain (care-sync refreshes them)
            handOvers.add(wave(node, sessions, perWave, "Expiry", scenario, ledger));
            Thread.sleep(1_000);
            care.expireTokens(false);
            Thread.sleep(4_000);
            weather.put("access tokens expired", "once, mid-drain");

            // 4: refresh tokens too: writes wait for their users, who sign in again
            handOvers.add(wave(node, sessions, perWave, "Signin", scenario, ledger));
            Thread.sleep(1_000);
            care.expireTokens(true);
            long waitingForSignIn = awaitSomeAuthRequired(node.api(), sessions, ledger);
            sessions = scenario.signIn(node.api(), Simulator.STAFF);
            weather.put("refresh tokens expired", "writes waiting for sign-in: " + waitingForSignIn);

            // 5 and 6: the storm again, then calm
            care.faults(withStatus(504));
            handOvers.add(wave(node, sessions, perWave, "Storm2", scenario, ledger));
            Thread.sleep(5_000);
            care.clearFaults();
            handOvers.add(wave(node, sessions, perWave, "Calm", scenario, ledger));

            for (Devices devices : handOvers) {
                devices.await(ledger);
            }
            Map<String, Map<String, Object>> views = ledger.awaitSettled(node::api, Size.minutes(4, 16));
            scenario.figure("weather", weather);
            scenario.figure("drain seconds", Duration.between(started, Instant.now()).toSeconds());
            scenario.figures(ledger.verify(views, care));
            scenario.figure("simulator faults injected", faultStats(care.stats()));

            assertThat(waitingForSignIn).as("writes that waited for their users to sign in").isPositive();
            List<String> notSynced = views.values().stream().filter(v -> !"success".equals(v.get("syncStatus")))
                    .map(v -> v.get("syncrouteKey") + ":" + v.get("syncStatus")).toList();
            // what care-sync cannot find out by itself: a questionnaire (batch) whose answer was lost
            assertThat(notSynced).allMatch(s -> s.equals("symptom:in_doubt"));
            assertThat(Logs.grep(node.logFiles(), Workload.MARKER)).as("patient data in care-sync's logs").isEmpty();
            scenario.passed();
        }
    }

    private static Map<String, Object> withStatus(int status) {
        Map<String, Object> faults = new LinkedHashMap<>(STORM);
        faults.put("errorStatus", status);
        return faults;
    }

    private static Devices wave(CareSyncNode node, List<Api.Session> sessions, int writes, String label,
                                Scenario scenario, Ledger ledger) {
        return new Devices().deliver(node::api, Workload.families(sessions, writes, label, scenario.random()), ledger,
                40, Size.minutes(4, 16));
    }

    private static long awaitSomeAuthRequired(Api api, List<Api.Session> sessions, Ledger ledger)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        long blocked = 0;
        while (Instant.now().isBefore(deadline)) {
            blocked = ledger.views(api).values().stream()
                    .filter(v -> "auth_required".equals(v.get("blockReason"))).count();
            if (blocked > 0) {
                Thread.sleep(1_000);
                return ledger.views(api).values().stream()
                        .filter(v -> "auth_required".equals(v.get("blockReason"))).count();
            }
            Thread.sleep(250);
        }
        return blocked;
    }

    private static Map<String, Object> faultStats(Map<String, Object> stats) {
        Map<String, Object> injected = new LinkedHashMap<>();
        for (String key : List.of("injectedErrors", "resets", "offlineResets", "droppedAfterApply", "requestsTotal")) {
            injected.put(key, stats.get(key));
        }
        return injected;
    }
}
