package network.ohc.caresync.application.sync;

/** Port: one HTTP exchange with the CARE server. Never throws for network trouble; says what happened instead. */
public interface Upstream {

    UpstreamResult send(UpstreamRequest request);
}
