package network.ohc.caresync.reliability.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** Several devices handing over their queues at once, one thread each. */
public final class Devices {

    private final List<Device> devices = new ArrayList<>();
    private final List<CompletableFuture<Void>> running = new ArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Starts one device per user delivering that user's writes; {@link #await} waits for all of them. */
    public Devices deliver(Supplier<Api> api, Map<Api.Session, List<Map<String, Object>>> writes, Ledger ledger,
                           int batchSize, Duration within) {
        writes.forEach((session, list) -> {
            ledger.add(session, list);
            Device device = new Device(api, session);
            devices.add(device);
            running.add(CompletableFuture.runAsync(() -> device.deliver(list, batchSize, within), threads));
        });
        return this;
    }

    public boolean done() {
        return running.stream().allMatch(CompletableFuture::isDone);
    }

    public int acknowledgedCount() {
        return devices.stream().mapToInt(d -> d.acknowledged().size()).sum();
    }

    /** Waits for every device; checks none was refused or answered a 5xx; records what was acknowledged. */
    public void await(Ledger ledger) {
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdownNow();
            devices.forEach(d -> ledger.acknowledged(d.acknowledged()));
        }
        List<String> problems = new ArrayList<>();
        devices.forEach(d -> {
            d.rejected().forEach((id, why) -> problems.add(d.session().username() + ": write " + id + " refused: " + why));
            problems.addAll(d.unexpected());
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " unexpected answers to devices: "
                    + problems.subList(0, Math.min(20, problems.size())));
        }
    }

    /** Figures: answers by status, unreachable attempts, the slowest answer. */
    public Map<String, Object> figures() {
        Map<Integer, Long> answers = new TreeMap<>();
        devices.forEach(d -> d.answers().forEach((k, v) -> answers.merge(k, v, Long::sum)));
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("hand-over answers by status", answers);
        figures.put("hand-over requests that got no answer", devices.stream().mapToLong(Device::unreachable).sum());
        figures.put("slowest hand-over answer (ms)", devices.stream().mapToLong(Device::slowestAnswerMillis).max()
                .orElse(0));
        return figures;
    }
}
