package network.ohc.caresync.reliability.support;

/**
 * How big a run is: {@code ci} (the default, about 6 minutes on 2 cores) or {@code full}
 * ({@code -Dreliability.size=full}: 5,000 writes and at least 20 kills in the crash scenario).
 */
public final class Size {

    private Size() {
    }

    public static boolean full() {
        return "full".equalsIgnoreCase(System.getProperty("reliability.size", "ci"));
    }

    public static String name() {
        return full() ? "full" : "ci";
    }

    /** A time limit for this size: a full run moves ten times the writes. */
    public static java.time.Duration minutes(int ci, int full) {
        return java.time.Duration.ofMinutes(full() ? full : ci);
    }

    /** The figure for this size; {@code -Dreliability.<key>=n} sets it for one run (to replay or explore). */
    public static int of(String key, int ci, int full) {
        return Integer.getInteger("reliability." + key, full() ? full : ci);
    }
}
