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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * care-sync killed with SIGKILL at random moments while a backlog drains (and once while devices hand it over),
 * restarted each time on the same database: nothing acknowledged is lost, nothing is applied twice.
 */
@Order(1)
class CrashIT {

    @Test
    void aBacklogDrainsExactlyOnceThroughRepeatedKills() throws Exception {
        int writes = Size.of("crash.writes", 500, 5000);
        // kills while the backlog drains; one more comes while the devices hand it over
        int kills = Size.of("crash.kills", 2, 20);
        try (Scenario scenario = Scenario.begin("crash")) {
            CareSyncNode node = scenario.node("a").start();
            List<Api.Session> sessions = scenario.signIn(node.api(), Simulator.STAFF);
            Ledger ledger = scenario.ledger();

            // the link is down: a backlog forms; care-sync is killed once while the devices hand it over
            scenario.simulator().offline(true);
            Devices devices = new Devices().deliver(node::api, Workload.families(sessions, writes, "Crash",
                    scenario.random()), ledger, 50, Size.minutes(5, 20));
            awaitAcknowledged(devices, ledger.size() / 3);
            node.kill();
            node.start();
            devices.await(ledger);
            scenario.figures(devices.figures());

            // the link is back: kill at random moments while it drains
            scenario.simulator().offline(false);
            Instant drainStarted = Instant.now();
            List<Integer> killedAt = new ArrayList<>();
            for (int k = 1; k <= kills; k++) {
                int step = ledger.size() / (kills + 1);
                int target = step * k + scenario.random().nextInt(Math.max(1, step / 2)) - step / 4;
                if (!awaitApplied(scenario, ledger.ids(), target, Size.minutes(3, 12))) {
                    break;
                }
                Thread.sleep(scenario.random().nextInt(400));
                killedAt.add(applied(scenario, ledger.ids()));
                node.kill();
                node.start();
            }
            Map<String, Map<String, Object>> views = ledger.awaitSettled(node::api, Size.minutes(5, 20));
            scenario.figure("drain seconds (with restarts)", Duration.between(drainStarted, Instant.now()).toSeconds());
            scenario.figure("kills while draining (writes applied at each)", killedAt);
            scenario.figure("kills while handing over", 1);
            scenario.figure("kills in all", killedAt.size() + 1);
            scenario.figure("attempts cut short by a kill, settled by looking CARE up", scenario.sql("""
                    SELECT count(*) AS n FROM domainevententry WHERE payloadtype LIKE '%OutcomeInDoubt'
                    AND position('abandoned' in convert_from(payload, 'UTF8')) > 0""").get(0).get("n"));
            scenario.figures(ledger.verify(views, scenario.simulator()));

            assertThat(killedAt).as("kills while the backlog drained").hasSize(kills);
            // only questionnaires (batches, which CARE cannot be asked about) may rest in doubt, one per attempt a
            // kill cut short at most
            List<String> notSynced = views.entrySet().stream()
                    .filter(e -> !"success".equals(e.getValue().get("syncStatus")))
                    .map(e -> e.getValue().get("syncrouteKey") + ":" + e.getValue().get("syncStatus")).toList();
            assertThat(notSynced).allMatch(s -> s.equals("symptom:in_doubt"));
            assertThat(notSynced.size()).isLessThanOrEqualTo((kills + 1) * 16);
            scenario.figure("questionnaires left in doubt by a kill", notSynced.size());
            assertThat(Logs.grep(node.logFiles(), Workload.MARKER)).as("patient data in care-sync's logs").isEmpty();
            scenario.passed();
        }
    }

    private static void awaitAcknowledged(Devices devices, int count) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(120);
        while (devices.acknowledgedCount() < count && !devices.done() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
    }

    static int applied(Scenario scenario, Set<String> ids) {
        return (int) scenario.simulator().applied().keySet().stream().filter(ids::contains).count();
    }

    static boolean awaitApplied(Scenario scenario, Set<String> ids, int target, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (applied(scenario, ids) >= target) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
