package network.ohc.caresync.simulator.http;

/**
 * Ends a request with a CARE error answer. Thrown for control flow (like Django's exceptions), so it
 * carries no stack trace.
 */
public class CareException extends RuntimeException {

    private final CareResponse response;

    public CareException(CareResponse response) {
        super("CARE error " + response.status(), null, false, false);
        this.response = response;
    }

    public CareResponse response() {
        return response;
    }
}
