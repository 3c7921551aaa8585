package network.ohc.caresync.simulator.auth;

/** What login and refresh hand out. */
public record TokenPair(String access, String refresh) {
}
