package network.ohc.caresync.infrastructure.upstream;

import network.ohc.caresync.application.sync.UpstreamProbe;
import network.ohc.caresync.application.sync.UpstreamRequest;
import network.ohc.caresync.application.sync.UpstreamResult;

import java.time.Duration;
import java.util.Map;

/** Asks CARE something cheap; any answer below 500 means it is there (403 without a token is a fine answer). */
public class HttpUpstreamProbe implements UpstreamProbe {

    private final HttpUpstream upstream;
    private final String path;
    private final Duration timeout;

    public HttpUpstreamProbe(HttpUpstream upstream, String path, Duration timeout) {
        this.upstream = upstream;
        this.path = path;
        this.timeout = timeout;
    }

    @Override
    public boolean reachable() {
        UpstreamResult result = upstream.send(new UpstreamRequest("GET", path, Map.of(), null, null, null), timeout);
        return result instanceof UpstreamResult.Answered answered && answered.status() < 500;
    }
}
