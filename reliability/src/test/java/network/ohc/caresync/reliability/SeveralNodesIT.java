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
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two (full size: three) care-sync nodes on one PostgreSQL drain one backlog; the node with the most work left is
 * killed midway. The others take its partitions over when its leases run out, settle the attempts it left in
 * flight, and every write reaches CARE exactly once.
 */
@Order(5)
class SeveralNodesIT {

    @Test
    void theOtherNodesTakeOverTheWorkOfAKilledOne() throws Exception {
        int count = Size.of("nodes.count", 2, 3);
        int writes = Size.of("nodes.writes", 360, 3000);
        try (Scenario scenario = Scenario.begin("nodes")) {
            List<CareSyncNode> nodes = new ArrayList<>();
            nodes.add(scenario.node("n1").start());
            for (int i = 2; i <= count; i++) {
                nodes.add(scenario.node("n" + i));
            }
            CompletableFuture.allOf(nodes.stream().skip(1).map(n -> CompletableFuture.runAsync(n::start))
                    .toArray(CompletableFuture[]::new)).join();
            Supplier<Api> anyLive = () -> nodes.stream().filter(CareSyncNode::isRunning).findFirst().orElseThrow().api();
            List<Api.Session> sessions = scenario.signIn(nodes.get(0).api(), Simulator.STAFF);
            Ledger ledger = scenario.ledger();

            scenario.simulator().offline(true);
            Devices devices = new Devices();
            Map<Api.Session, List<Map<String, Object>>> byUser = Workload.families(sessions, writes, "Nodes",
                    scenario.random());
            int i = 0;
            for (var entry : byUser.entrySet()) {
                CareSyncNode through = nodes.get(i++ % count);
                devices.deliver(through::api, Map.of(entry.getKey(), entry.getValue()), ledger, 50,
                        Size.minutes(3, 12));
            }
            devices.await(ledger);
            awaitEveryNodeOwnsPartitions(scenario, count);
            Map<String, Object> before = ownership(scenario);

            scenario.simulator().offline(false);
            CrashIT.awaitApplied(scenario, ledger.ids(), ledger.size() / 3, Size.minutes(2, 8));
            String busiest = (String) scenario.sql("""
                    SELECT l.owner FROM write_view w JOIN sync_lease l ON l.sync_partition = w.sync_partition
                    WHERE w.status NOT IN ('success') GROUP BY l.owner ORDER BY count(*) DESC LIMIT 1""")
                    .get(0).get("owner");
            CareSyncNode victim = nodes.stream().filter(n -> n.name().equals(busiest)).findFirst().orElseThrow();
            int appliedAtKill = CrashIT.applied(scenario, ledger.ids());
            Instant killed = Instant.now();
            victim.kill();

            Map<String, Map<String, Object>> views = ledger.awaitSettled(anyLive, Size.minutes(3, 12));
            scenario.figure("nodes", count);
            scenario.figure("partitions per node before the kill", before);
            scenario.figure("killed", victim.name() + " with " + (ledger.size() - appliedAtKill)
                    + " writes not yet applied");
            scenario.figure("partitions per node at the end", ownership(scenario));
            scenario.figure("seconds from the kill to all settled", Duration.between(killed, Instant.now()).toSeconds());
            scenario.figure("attempts the killed node left in flight, settled by looking CARE up", scenario.sql("""
                    SELECT count(*) AS n FROM domainevententry WHERE payloadtype LIKE '%OutcomeInDoubt'
                    AND position('abandoned' in convert_from(payload, 'UTF8')) > 0""").get(0).get("n"));
            scenario.figure("attempts by node", scenario.sql("""
                    SELECT attempt_node AS node, count(*) AS writes FROM write_view WHERE write_id = ANY (?)
                    GROUP BY 1 ORDER BY 1""", (Object) ledger.ids().toArray(String[]::new)).stream()
                    .collect(LinkedHashMap::new, (m, r) -> m.put(r.get("node"), r.get("writes")), Map::putAll));
            scenario.figures(ledger.verify(views, scenario.simulator()));

            assertThat(scenario.sql("SELECT count(*) AS n FROM sync_lease WHERE owner = ?", victim.name())
                    .get(0).get("n")).as("partitions still held by the killed node").isEqualTo(0L);
            List<String> notSynced = views.values().stream().filter(v -> !"success".equals(v.get("syncStatus")))
                    .map(v -> v.get("syncrouteKey") + ":" + v.get("syncStatus")).toList();
            assertThat(notSynced).allMatch(s -> s.equals("symptom:in_doubt"));
            List<java.nio.file.Path> logs = nodes.stream().flatMap(n -> n.logFiles().stream()).toList();
            assertThat(Logs.grep(logs, Workload.MARKER)).as("patient data in care-sync's logs").isEmpty();
            scenario.passed();
        }
    }

    private static void awaitEveryNodeOwnsPartitions(Scenario scenario, int nodes) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            long owners = scenario.sql("SELECT DISTINCT owner FROM sync_lease WHERE lease_until > now()").size();
            if (owners == nodes) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the nodes did not share the partitions: " + ownership(scenario));
    }

    private static Map<String, Object> ownership(Scenario scenario) {
        Map<String, Object> owned = new LinkedHashMap<>();
        scenario.sql("SELECT coalesce(owner, '(none)') AS owner, count(*) AS n FROM sync_lease GROUP BY 1 ORDER BY 1")
                .forEach(r -> owned.put((String) r.get("owner"), r.get("n")));
        return owned;
    }
}
