package network.ohc.caresync.reliability;

import network.ohc.caresync.reliability.support.Api;
import network.ohc.caresync.reliability.support.CareSyncNode;
import network.ohc.caresync.reliability.support.Devices;
import network.ohc.caresync.reliability.support.Http;
import network.ohc.caresync.reliability.support.Ledger;
import network.ohc.caresync.reliability.support.Logs;
import network.ohc.caresync.reliability.support.Scenario;
import network.ohc.caresync.reliability.support.Simulator;
import network.ohc.caresync.reliability.support.Size;
import network.ohc.caresync.reliability.support.Workload;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stopped under a running care-sync, once while devices hand writes over and once while a backlog drains.
 * While it is down every request gets a quick 503 problem detail (never a 500, never a hang); afterwards care-sync
 * goes on by itself, and nothing a device was told was accepted is lost.
 */
@Order(4)
class DatabaseFaultsIT {

    private static final Duration OUTAGE = Duration.ofSeconds(6);
    /** Longer than this, and a device's request counts as hanging. */
    private static final long HANG_MILLIS = 10_000;

    @Test
    void nothingAcceptedIsLostWhenTheDatabaseGoesAway() throws Exception {
        int writes = Size.of("database.writes", 240, 2000);
        try (Scenario scenario = Scenario.begin("dbfaults")) {
            CareSyncNode node = scenario.node("a").start();
            List<Api.Session> sessions = scenario.signIn(node.api(), Simulator.STAFF);
            Ledger ledger = scenario.ledger();
            List<String> outageAnswers = Collections.synchronizedList(new ArrayList<>());

            // 1: the database stops while devices hand writes over
            Devices handOver = new Devices().deliver(node::api, Workload.families(sessions, writes / 2, "Dbhand",
                    scenario.random()), ledger, 20, Size.minutes(3, 12));
            Thread.sleep(500);
            Map<String, Object> duringHandOver = outage(scenario, node, sessions.get(0), ledger, outageAnswers);
            handOver.await(ledger);
            scenario.figures(handOver.figures());

            // 2: the database stops while a backlog drains
            scenario.simulator().offline(true);
            Devices backlog = new Devices().deliver(node::api, Workload.families(sessions, writes / 2, "Dbdrain",
                    scenario.random()), ledger, 50, Size.minutes(3, 12));
            backlog.await(ledger);
            scenario.simulator().offline(false);
            CrashIT.awaitApplied(scenario, ledger.ids(), ledger.size() * 2 / 3, Size.minutes(2, 8));
            Map<String, Object> duringDrain = outage(scenario, node, sessions.get(0), ledger, outageAnswers);

            Map<String, Map<String, Object>> views = ledger.awaitSettled(node::api, Size.minutes(3, 12));
            scenario.figure("outage during hand-over", duringHandOver);
            scenario.figure("outage during drain", duringDrain);
            scenario.figures(ledger.verify(views, scenario.simulator()));

            assertThat(outageAnswers).as("answers while the database was down").isEmpty();
            List<String> notSynced = views.values().stream().filter(v -> !"success".equals(v.get("syncStatus")))
                    .map(v -> v.get("syncrouteKey") + ":" + v.get("syncStatus")).toList();
            assertThat(notSynced).allMatch(s -> s.equals("symptom:in_doubt"));
            assertThat(Logs.grep(node.logFiles(), Workload.MARKER)).as("patient data in care-sync's logs").isEmpty();
            scenario.passed();
        }
    }

    /**
     * Stops PostgreSQL for a while; meanwhile a device keeps asking care-sync (hand over, list, sign in) and every
     * answer that is not a quick 503 problem detail is noted. A hand-over that was acknowledged after all (it waited
     * for the database) joins the ledger. Figures: answers by status, the slowest.
     */
    private static Map<String, Object> outage(Scenario scenario, CareSyncNode node, Api.Session session, Ledger ledger,
                                              List<String> wrong) throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        Map<Integer, Integer> statuses = Collections.synchronizedMap(new TreeMap<>());
        long[] slowest = {0};
        int[] probe = {0};
        scenario.database().stop();
        Thread prober = new Thread(() -> {
            Http http = node.api().http();
            while (down.get()) {
                for (String call : List.of("handover", "list", "login")) {
                    try {
                        Map<String, Object> write = Workload.createPatient(Workload.newId(), session.userId(),
                                "Outage " + scenario.name() + " " + probe[0]++);
                        Http.Answer answer = switch (call) {
                            case "handover" -> node.api().handOver(session, write);
                            case "list" -> http.get("/api/v1/offline-writes", session.token());
                            default -> http.post("/api/v1/auth/login", null,
                                    Map.of("username", session.username(), "password", Simulator.PASSWORD));
                        };
                        statuses.merge(answer.status(), 1, Integer::sum);
                        slowest[0] = Math.max(slowest[0], answer.millis());
                        if (call.equals("handover") && (answer.status() == 202 || answer.status() == 200)) {
                            ledger.add(session, List.of(write));
                            ledger.acknowledged(java.util.Set.of((String) write.get("id")));
                        }
                        if (answer.millis() > HANG_MILLIS) {
                            wrong.add(call + " took " + answer.millis() + " ms and answered " + answer.status());
                        } else if (down.get() && (answer.status() != 503
                                || !answer.contentType().contains("application/problem+json"))) {
                            wrong.add(call + " answered " + answer);
                        }
                    } catch (IOException e) {
                        wrong.add(call + " got no answer: " + e);
                    }
                }
            }
        }, "outage-prober");
        Instant stopped = Instant.now();
        prober.start();
        Thread.sleep(OUTAGE.toMillis());
        down.set(false);
        scenario.database().start();
        prober.join();
        return Map.of("seconds down", Duration.between(stopped, Instant.now()).toSeconds(),
                "answers by status", statuses, "slowest answer (ms)", slowest[0]);
    }
}
