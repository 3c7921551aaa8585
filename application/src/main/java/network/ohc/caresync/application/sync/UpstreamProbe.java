package network.ohc.caresync.application.sync;

/** Port: one active check whether the CARE server can be reached right now. */
@FunctionalInterface
public interface UpstreamProbe {

    boolean reachable();
}
