package network.ohc.caresync.reliability.support;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A device handing over its queue as the CARE web app would: in batches, again and again until care-sync has
 * acknowledged every write (202 or 200), whatever happens to care-sync or its database in between. It keeps what
 * care-sync told it, so a scenario can check that nothing acknowledged was lost, and how care-sync answered while
 * it was in trouble.
 */
public final class Device {

    private final Supplier<Api> api;
    private final Api.Session session;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Map<String, String> rejected = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong slowest = new AtomicLong();
    private final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

    public Device(Supplier<Api> api, Api.Session session) {
        this.api = api;
        this.session = session;
    }

    /** Hands the writes over in batches until every one is acknowledged or refused, or the time is up. */
    @SuppressWarnings("unchecked")
    public void deliver(List<Map<String, Object>> writes, int batchSize, Duration within) {
        Map<String, Map<String, Object>> waiting = new LinkedHashMap<>();
        writes.forEach(w -> waiting.put((String) w.get("id"), w));
        waiting.keySet().removeAll(acknowledged);
        Instant deadline = Instant.now().plus(within);
        while (!waiting.isEmpty()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(session.username() + ": " + waiting.size()
                        + " writes still not acknowledged after " + within);
            }
            List<Map<String, Object>> batch = new ArrayList<>(waiting.values()).subList(0,
                    Math.min(batchSize, waiting.size()));
            Http.Answer answer;
            try {
                answer = api.get().handOverBatch(session, batch);
            } catch (IOException | RuntimeException unreachable) {
                failures.incrementAndGet();
                Processes.sleep(300);
                continue;
            }
            count(answer);
            if (answer.status() != 200) {
                checkProblem(answer);
                Processes.sleep(300);
                continue;
            }
            for (Object item : (List<Object>) answer.json().get("results")) {
                Map<String, Object> result = (Map<String, Object>) item;
                String id = (String) result.get("id");
                int status = ((Number) result.get("status")).intValue();
                if (status == 202 || status == 200) {
                    acknowledged.add(id);
                    waiting.remove(id);
                } else if (status >= 500) {
                    unexpected.add("batch item " + id + " answered " + status);
                } else {
                    rejected.put(id, status + " " + result.get("errors"));
                    waiting.remove(id);
                }
            }
        }
    }

    /** While care-sync or its database is in trouble: a 503 problem detail is the right answer, a 500 never is. */
    private void checkProblem(Http.Answer answer) {
        if (answer.status() == 503 && answer.contentType().contains("application/problem+json")) {
            return;
        }
        unexpected.add("batch answered " + answer);
    }

    private void count(Http.Answer answer) {
        answers.computeIfAbsent(answer.status(), k -> new AtomicLong()).incrementAndGet();
        slowest.accumulateAndGet(answer.millis(), Math::max);
    }

    public Api.Session session() {
        return session;
    }

    public Set<String> acknowledged() {
        return acknowledged;
    }

    public Map<String, String> rejected() {
        return rejected;
    }

    public Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new java.util.TreeMap<>();
        answers.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    public long unreachable() {
        return failures.get();
    }

    public long slowestAnswerMillis() {
        return slowest.get();
    }

    public List<String> unexpected() {
        return unexpected;
    }
}
