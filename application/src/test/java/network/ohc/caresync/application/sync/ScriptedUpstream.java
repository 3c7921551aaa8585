package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.json.Json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The Upstream port answering from a script, one result per request, and keeping every request it got. */
final class ScriptedUpstream implements Upstream {

    private final Deque<UpstreamResult> script = new ArrayDeque<>();
    private final List<UpstreamRequest> requests = new ArrayList<>();

    static UpstreamResult answered(int status, Object json) {
        return new UpstreamResult.Answered(status, json == null ? new byte[0] : Json.bytes(json));
    }

    ScriptedUpstream then(UpstreamResult result) {
        script.add(result);
        return this;
    }

    ScriptedUpstream thenAnswer(int status, Object json) {
        return then(answered(status, json));
    }

    synchronized List<UpstreamRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized UpstreamResult send(UpstreamRequest request) {
        requests.add(request);
        if (script.isEmpty()) {
            throw new AssertionError("unexpected request " + request.method() + " " + request.path());
        }
        return script.removeFirst();
    }
}
