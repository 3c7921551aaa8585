package network.ohc.caresync.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the machine says about itself: its load, its processors, and the memory of processes (from /proc). */
final class Machine {

    private Machine() {
    }

    /** The 1-, 5- and 15-minute load averages. */
    static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[]{Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])};
        } catch (IOException | RuntimeException e) {
            return new double[]{Double.NaN, Double.NaN, Double.NaN};
        }
    }

    static Map<String, Object> description() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("memoryMb", memTotalKb() / 1024);
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        return machine;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static long memTotalKb() {
        return field(Path.of("/proc/meminfo"), "MemTotal:");
    }

    /** Resident memory of a process (VmRSS), in kB; 0 when it is gone. */
    static long rssKb(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:");
    }

    /** Proportional set size (shared pages divided among the processes sharing them), in kB. */
    static long pssKb(long pid) {
        return field(Path.of("/proc", String.valueOf(pid), "smaps_rollup"), "Pss:");
    }

    /** A process and its children (the embedded PostgreSQL's postmaster and its backends). */
    static List<Long> withChildren(long pid) {
        List<Long> all = new ArrayList<>(List.of(pid));
        try (var dirs = Files.list(Path.of("/proc"))) {
            dirs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        try {
                            if (Long.parseLong(statAfterName(Long.parseLong(n))[1]) == pid) {
                                all.add(Long.parseLong(n));
                            }
                        } catch (IOException | RuntimeException gone) {
                            // the process ended meanwhile
                        }
                    });
        } catch (IOException e) {
            // no /proc: only the process itself
        }
        return all;
    }

    /**
     * CPU time (user and system) of a process and its children so far, in seconds, those that have ended included
     * (the time the process collected from them: a backend whose connection closed must not take its time along and
     * make a measurement's difference negative); 0 when it is gone.
     */
    static double cpuSeconds(long pid) {
        return withChildren(pid).stream().mapToDouble(Machine::cpuSecondsAlone).sum() + endedChildrenCpuSeconds(pid);
    }

    /** cutime and cstime, fields 16 and 17 of stat: the CPU time of children the process has waited for. */
    private static double endedChildrenCpuSeconds(long pid) {
        try {
            String[] after = statAfterName(pid);
            return (Long.parseLong(after[13]) + Long.parseLong(after[14])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** CPU time (user and system) of the process alone (all its threads), in seconds. */
    static double cpuSecondsAlone(long pid) {
        try {
            String[] after = statAfterName(pid);
            // utime and stime, fields 14 and 15 of stat: 12 and 13 after the command name, in clock ticks (1/100 s)
            return (Long.parseLong(after[11]) + Long.parseLong(after[12])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** The fields of /proc/<pid>/stat after the command name (which may hold spaces): field 3 (state) first. */
    private static String[] statAfterName(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
