package network.ohc.caresync.domain.write;

/**
 * What an attempt sends upstream, as an auditor needs it: method, path, a hash of the body and the
 * {@code Idempotency-Key} header (null when nothing was sent).
 */
public record AttemptRequest(String method, String path, String bodyHash, String idempotencyKey) {

    /** A request that was never sent (it could not be built), so it carried no idempotency key. */
    public AttemptRequest(String method, String path, String bodyHash) {
        this(method, path, bodyHash, null);
    }
}
