package network.ohc.caresync.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the processor time of a measurement went: care-sync's JVM, its PostgreSQL (postmaster and backends), the
 * simulator, and the harness itself, in CPU seconds and as a share of the machine's cores over the measurement.
 */
final class CpuUse {

    private final CareSync careSync;
    private final Simulator simulator;
    private final Map<String, Double> start;
    private final long startedAt;

    private CpuUse(CareSync careSync, Simulator simulator) {
        this.careSync = careSync;
        this.simulator = simulator;
        this.start = now();
        this.startedAt = System.nanoTime();
    }

    static CpuUse start(CareSync careSync, Simulator simulator) {
        return new CpuUse(careSync, simulator);
    }

    Map<String, Object> stop() {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Object> use = new LinkedHashMap<>();
        now().forEach((name, cpu) -> {
            double used = cpu - start.getOrDefault(name, 0.0);
            use.put(name + "CpuSeconds", Report.round(used));
            use.put(name + "CoreShare", Report.round(used / (seconds * cores)));
        });
        return use;
    }

    private Map<String, Double> now() {
        Map<String, Double> cpu = new LinkedHashMap<>();
        if (careSync.pid() != null) {
            cpu.put("careSync", Machine.cpuSecondsAlone(careSync.pid()));
        }
        Long postmaster = careSync.postmasterPid();
        if (postmaster != null) {
            cpu.put("postgres", Machine.cpuSeconds(postmaster));
        }
        if (simulator.pid() != null) {
            cpu.put("simulator", Machine.cpuSecondsAlone(simulator.pid()));
        }
        cpu.put("harness", Machine.cpuSecondsAlone(ProcessHandle.current().pid()));
        return cpu;
    }

}
