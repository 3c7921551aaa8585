package network.ohc.caresync.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many virtual devices, one thread each, doing one operation after another for a warm-up and then a measured
 * period. Only operations that start and end inside the measured period count.
 */
final class Drive {

    /** One device's next operation; prepared outside the timed part, then done inside it. */
    interface Device {
        /** Builds the next request (not timed). */
        void prepare();

        /** Sends it (timed); the number of writes it stored, or a negative number when it failed. */
        int send();
    }

    record Result(long operations, long writes, long failures, double seconds, Latencies latencies, String lastError) {

        double writesPerSecond() {
            return writes / seconds;
        }

        Map<String, Object> asMap(String unit) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("operations", operations);
            map.put("writes", writes);
            map.put("failures", failures);
            map.put("seconds", Report.round(seconds));
            map.put("writesPerSecond", Report.round(writesPerSecond()));
            map.put(unit + "P50Ms", Report.round(latencies.percentileMillis(50)));
            map.put(unit + "P99Ms", Report.round(latencies.percentileMillis(99)));
            map.put(unit + "MaxMs", Report.round(latencies.percentileMillis(100)));
            if (lastError != null) {
                map.put("lastError", lastError);
            }
            return map;
        }
    }

    private Drive() {
    }

    static Result run(List<? extends Device> devices, Duration warmUp, Duration measure) {
        long start = System.nanoTime();
        long measureFrom = start + warmUp.toNanos();
        long measureTo = measureFrom + measure.toNanos();
        AtomicLong operations = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> lastError = new AtomicReference<>();
        Latencies latencies = new Latencies();
        List<Thread> threads = new ArrayList<>();
        for (Device device : devices) {
            Thread thread = new Thread(() -> {
                Latencies mine = new Latencies();
                while (true) {
                    device.prepare();
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo) {
                        break;
                    }
                    int stored;
                    try {
                        stored = device.send();
                    } catch (RuntimeException e) {
                        stored = -1;
                        lastError.set(e.toString());
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 <= measureTo) {
                        operations.incrementAndGet();
                        if (stored < 0) {
                            failures.incrementAndGet();
                        } else {
                            writes.addAndGet(stored);
                            mine.add(t1 - t0);
                        }
                    }
                }
                latencies.addAll(mine);
            }, "device-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return new Result(operations.get(), writes.get(), failures.get(), measure.toNanos() / 1e9, latencies,
                lastError.get());
    }
}
