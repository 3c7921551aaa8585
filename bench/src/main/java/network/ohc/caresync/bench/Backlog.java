package network.ohc.caresync.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A backlog made fast: devices hand over batches in the scenario mix (parents in the same batch) while CARE is offline. */
final class Backlog {

    private Backlog() {
    }

    /** Hands over {@code writes} writes in batches of {@code batch} from the devices, 8 at a time; seconds taken. */
    static double handOver(CareSync careSync, List<CareSync.Session> devices, long writes, int batch) {
        AtomicLong left = new AtomicLong(writes);
        long started = System.nanoTime();
        int threads = Math.min(8, devices.size());
        Stage.parallel(threads, threads, t -> {
            CareSync.Session device = devices.get(t);
            while (true) {
                long remaining = left.getAndAdd(-batch);
                if (remaining <= 0) {
                    return null;
                }
                int size = (int) Math.min(batch, remaining);
                Http.Answer answer = careSync.handOverBatch(device.token(),
                        Http.text(HandOverDevices.batch(device.userId(), size)));
                if (answer.status() != 200 || ((Number) answer.json().get("accepted")).intValue() != size) {
                    throw new IllegalStateException("hand-over of a batch answered " + answer);
                }
            }
        });
        return (System.nanoTime() - started) / 1e9;
    }
}
