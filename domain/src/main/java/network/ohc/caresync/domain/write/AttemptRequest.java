package network.ohc.caresync.domain.write;

/** What an attempt sends upstream, as an auditor needs it: method, path and a hash of the body. */
public record AttemptRequest(String method, String path, String bodyHash) {
}
