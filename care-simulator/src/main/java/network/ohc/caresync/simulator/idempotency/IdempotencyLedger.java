package network.ohc.caresync.simulator.idempotency;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import network.ohc.caresync.simulator.http.CareResponse;
import org.springframework.stereotype.Component;

/**
 * What happened per {@code Idempotency-Key}.
 *
 * <p>Two jobs. Always: count how often a mutation carrying a key actually changed state, so tests can
 * prove each offline write was applied exactly once. When the idempotency switch is on: remember the
 * first applied answer per user and key, to replay it instead of applying again. Only applied
 * answers are remembered: a refused request changed nothing, so running it again is harmless and
 * gives the current truth (a retry after a token refresh must not replay the old 403).
 */
@Component
public class IdempotencyLedger {

    private final ConcurrentHashMap<String, AtomicLong> appliedCounts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Remembered, CareResponse> firstAnswers = new ConcurrentHashMap<>();

    public Optional<CareResponse> firstAnswer(UUID userId, String key) {
        return Optional.ofNullable(firstAnswers.get(new Remembered(userId, key)));
    }

    public void applied(UUID userId, String key, CareResponse answer, boolean remember) {
        appliedCounts.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
        if (remember) {
            firstAnswers.putIfAbsent(new Remembered(userId, key), answer);
        }
    }

    public long appliedCount(String key) {
        AtomicLong count = appliedCounts.get(key);
        return count == null ? 0 : count.get();
    }

    public Map<String, Long> appliedCounts() {
        Map<String, Long> sorted = new TreeMap<>();
        appliedCounts.forEach((key, count) -> sorted.put(key, count.get()));
        return sorted;
    }

    /** How many keys were applied more than once: each one is a write that landed twice. */
    public long duplicateApplies() {
        return appliedCounts.values().stream().filter(count -> count.get() > 1).count();
    }

    public void clear() {
        appliedCounts.clear();
        firstAnswers.clear();
    }

    private record Remembered(UUID userId, String key) {
    }
}
