package network.ohc.caresync.domain.write;

/**
 * One request to CARE and what came back, as an auditor needs it: the method and path (with the query of a search),
 * CARE's status (null when no answer came) and, where an event keeps it, the body as CARE sent it, cut after a limit:
 * {@code bodyBytes} is its whole length and {@code bodyTruncated} says whether it was cut.
 */
public record UpstreamExchange(String method, String path, Integer status, String body, Integer bodyBytes,
                               Boolean bodyTruncated) {

    /** A request and the status of its answer, without the body (the event keeps what mattered of it elsewhere). */
    public static UpstreamExchange of(String method, String path, Integer status) {
        return new UpstreamExchange(method, path, status, null, null, null);
    }
}
