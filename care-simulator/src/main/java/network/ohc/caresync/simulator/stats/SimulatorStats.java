package network.ohc.caresync.simulator.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/** Counters for {@code GET /__sim/stats}. */
@Component
public class SimulatorStats {

    /** The status recorded for a request that got no HTTP answer (reset, offline, dropped after apply). */
    public static final int NO_RESPONSE = 0;

    private final ConcurrentHashMap<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final LongAdder requestsTotal = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> created = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LongAdder> updated = new ConcurrentHashMap<>();
    private final LongAdder resets = new LongAdder();
    private final LongAdder offlineResets = new LongAdder();
    private final LongAdder droppedAfterApply = new LongAdder();
    private final LongAdder injectedErrors = new LongAdder();
    private final LongAdder idempotentReplays = new LongAdder();

    public void request(String method, String route, int status) {
        requestsTotal.increment();
        requests.computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder()).increment();
    }

    public void committed(List<String> createdKinds, List<String> updatedKinds) {
        createdKinds.forEach(kind -> created.computeIfAbsent(kind, k -> new LongAdder()).increment());
        updatedKinds.forEach(kind -> updated.computeIfAbsent(kind, k -> new LongAdder()).increment());
    }

    public void reset() {
        resets.increment();
    }

    public void offlineReset() {
        offlineResets.increment();
    }

    public void droppedAfterApply() {
        droppedAfterApply.increment();
    }

    public void injectedError() {
        injectedErrors.increment();
    }

    public void idempotentReplay() {
        idempotentReplays.increment();
    }

    public StatsSnapshot snapshot(long duplicateApplies) {
        List<StatsSnapshot.RequestCount> requestCounts = requests.entrySet().stream()
                .map(e -> new StatsSnapshot.RequestCount(e.getKey().method(), e.getKey().route(),
                        e.getKey().status(), e.getValue().sum()))
                .sorted(Comparator.comparing(StatsSnapshot.RequestCount::route)
                        .thenComparing(StatsSnapshot.RequestCount::method)
                        .thenComparingInt(StatsSnapshot.RequestCount::status))
                .toList();
        return new StatsSnapshot(requestCounts, requestsTotal.sum(), sums(created), sums(updated), resets.sum(),
                offlineResets.sum(), droppedAfterApply.sum(), injectedErrors.sum(), idempotentReplays.sum(),
                duplicateApplies);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> sorted = new TreeMap<>();
        counters.forEach((kind, count) -> sorted.put(kind, count.sum()));
        return sorted;
    }

    public void clear() {
        requests.clear();
        requestsTotal.reset();
        created.clear();
        updated.clear();
        resets.reset();
        offlineResets.reset();
        droppedAfterApply.reset();
        injectedErrors.reset();
        idempotentReplays.reset();
    }

    private record RequestKey(String method, String route, int status) {
    }
}
