package network.ohc.caresync.application.audit;

/** A rebuild could not start now (another node holds the projection's segments, or it did not stop in time). */
public class RebuildRefused extends RuntimeException {

    public RebuildRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
