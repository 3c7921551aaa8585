package network.ohc.caresync.bench;

import java.time.Duration;
import java.util.List;

/**
 * How much each scenario does. {@code full} is what the targets are stated for; {@code small} checks the harness in
 * a few minutes and its figures are only indicative (short runs, small backlogs, fixed costs weigh more).
 */
enum Size {

    SMALL(50, Duration.ofSeconds(5), Duration.ofSeconds(15), 100, 20, 1_000, 50_000, 5_000,
            List.of(500, 1_000, 2_000)),
    FULL(50, Duration.ofSeconds(90), Duration.ofSeconds(60), 100, 200, 10_000, 1_000_000, 100_000,
            List.of(1_000, 10_000, 100_000));

    final int devices;
    final Duration warmUp;
    final Duration measure;
    final int batchSize;
    final int users;
    final int drainWrites;
    final int rebuildEvents;
    final int footprintPending;
    final List<Integer> scaleSizes;

    Size(int devices, Duration warmUp, Duration measure, int batchSize, int users, int drainWrites,
         int rebuildEvents, int footprintPending, List<Integer> scaleSizes) {
        this.devices = devices;
        this.warmUp = warmUp;
        this.measure = measure;
        this.batchSize = batchSize;
        this.users = users;
        this.drainWrites = drainWrites;
        this.rebuildEvents = rebuildEvents;
        this.footprintPending = footprintPending;
        this.scaleSizes = scaleSizes;
    }

    static Size of(String name) {
        return switch (name) {
            case "small" -> SMALL;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("--size is small or full, not '" + name + "'");
        };
    }

    String wireName() {
        return name().toLowerCase();
    }
}
