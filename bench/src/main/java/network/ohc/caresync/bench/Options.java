package network.ohc.caresync.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line: {@code --size=small|full}, {@code --scenario=a,b}, and where care-sync and CARE run. */
record Options(Size size, Set<String> scenarios, Path root, Path out, String careSyncUrl, String careSyncJdbc,
               String simulatorUrl, String password, int maxInFlight, List<String> careSyncJvmArgs,
               List<String> careSyncArgs, boolean profile, Duration warmUp, Duration measure,
               Set<String> handOverPhases, int rebuildEvents, List<Integer> scaleSizes, int devices) {

    /**
     * How care-sync's Dockerfile and demo.sh start it: the serial collector (about a tenth faster on two cores) and a
     * small initial heap that grows as needed (the JVM's own default commits 1/64 of the machine's memory at start).
     */
    static final List<String> DEFAULT_JVM = List.of("-XX:+UseSerialGC", "-Xms32m");

    /**
     * The environment demo.sh and the Dockerfile give care-sync: two malloc arenas instead of glibc's eight per core
     * (each thread's native allocations otherwise spread over arenas that stay resident). Unless the harness's own
     * environment sets it.
     */
    static final Map<String, String> CARE_SYNC_ENV = Map.of("MALLOC_ARENA_MAX", "2");


    static final List<String> SCENARIOS = List.of("handover", "drain", "rebuild", "footprint", "scale");
    static final List<String> HAND_OVER_PHASES = List.of("baselineSingle", "careSyncSingle", "baselineSingleDurable",
            "baselineBatch", "careSyncBatch");

    static final String USAGE = """
            usage: bench/run.sh [--size=small|full] [--scenario=handover,drain,rebuild,footprint,scale]
                                [--care-sync-url=URL --care-sync-jdbc=JDBC-URL --simulator-url=URL]
                                [--max-in-flight=16] [--care-sync-jvm=ARG]... (default -XX:+UseSerialGC -Xms32m) [--care-sync-arg=--name=value]...
                                [--warm-up=90s] [--measure=60s] [--devices=50] [--profile] [--out=bench/results]
                                [--rebuild-events=1000000] [--scale-sizes=1000,10000,100000]
              --size=small     a few minutes: checks the harness, figures are indicative only
              --size=full      the sizes the targets are stated for (about an hour on 2 cores)
              --care-sync-url  use a running care-sync (then --simulator-url too, and --password of its users);
                               footprint and rebuild need a care-sync the harness starts
              --warm-up, --measure  hand-over: how long devices run before and while they are measured (full: 90 s
                               of warm-up, as the JIT needs minutes on 2 cores before care-sync runs at its pace)
              --devices        hand-over: how many devices hand over at once (the targets are stated for 50)
              --handover-phases=careSyncSingle,...  hand-over: only these measurements (to repeat one while profiling)
              --rebuild-events, --scale-sizes  override the size's figures for those scenarios
              --profile        record a JFR profile of care-sync and its database's statement figures (pg_stat_statements)
                               for each scenario (bench/target/work/*.jfr, *-statements.txt)
            """;

    static Options parse(String[] args) {
        Size size = Size.SMALL;
        Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        Path out = null;
        String careSyncUrl = null;
        String careSyncJdbc = null;
        String simulatorUrl = null;
        String password = "bench-password-1";
        int maxInFlight = 16;
        List<String> jvm = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        boolean profile = false;
        Duration warmUp = null;
        Duration measure = null;
        Set<String> phases = new LinkedHashSet<>(HAND_OVER_PHASES);
        Integer rebuildEvents = null;
        List<Integer> scaleSizes = null;
        Integer devices = null;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--size" -> size = Size.of(value);
                case "--scenario", "--scenarios" -> {
                    scenarios = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    for (String s : scenarios) {
                        if (!SCENARIOS.contains(s)) {
                            throw new IllegalArgumentException("unknown scenario '" + s + "'\n" + USAGE);
                        }
                    }
                }
                case "--root" -> root = Path.of(value).toAbsolutePath().normalize();
                case "--out" -> out = Path.of(value);
                case "--care-sync-url" -> careSyncUrl = value;
                case "--care-sync-jdbc" -> careSyncJdbc = value;
                case "--simulator-url" -> simulatorUrl = value;
                case "--password" -> password = value;
                case "--max-in-flight" -> maxInFlight = Integer.parseInt(value);
                case "--care-sync-jvm" -> jvm.add(value);
                case "--care-sync-arg" -> extra.add(value);
                case "--profile" -> profile = true;
                case "--warm-up" -> warmUp = seconds(value);
                case "--measure" -> measure = seconds(value);
                case "--devices" -> devices = positive("--devices", value);
                case "--handover-phases" -> {
                    phases = new LinkedHashSet<>(Arrays.asList(value.split(",")));
                    if (!HAND_OVER_PHASES.containsAll(phases)) {
                        throw new IllegalArgumentException("hand-over phases are " + HAND_OVER_PHASES + "\n" + USAGE);
                    }
                }
                case "--rebuild-events" -> rebuildEvents = positive(name, value);
                case "--scale-sizes" -> {
                    scaleSizes = new ArrayList<>();
                    for (String part : value.split(",")) {
                        scaleSizes.add(positive(name, part));
                    }
                    if (scaleSizes.size() < 2) {
                        throw new IllegalArgumentException("--scale-sizes needs at least two sizes to show a growth "
                                + "curve\n" + USAGE);
                    }
                }
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if ((careSyncUrl == null) != (simulatorUrl == null)) {
            throw new IllegalArgumentException("give both --care-sync-url and --simulator-url, or neither\n" + USAGE);
        }
        return new Options(size, scenarios, root, out == null ? root.resolve("bench/results") : out, careSyncUrl,
                careSyncJdbc, simulatorUrl, password, maxInFlight, jvm.isEmpty() ? DEFAULT_JVM : List.copyOf(jvm), List.copyOf(extra), profile,
                warmUp == null ? size.warmUp : warmUp, measure == null ? size.measure : measure, Set.copyOf(phases),
                rebuildEvents == null ? size.rebuildEvents : rebuildEvents,
                List.copyOf(scaleSizes == null ? size.scaleSizes : scaleSizes), devices == null ? size.devices : devices);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value.trim().replace("_", ""));
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(option + " takes positive whole numbers, not '" + value + "'\n" + USAGE);
    }

    private static Duration seconds(String value) {
        return Duration.ofSeconds(Long.parseLong(value.endsWith("s") ? value.substring(0, value.length() - 1) : value));
    }

    boolean managed() {
        return careSyncUrl == null;
    }

    Path work() {
        return root.resolve("bench/target/work");
    }
}
