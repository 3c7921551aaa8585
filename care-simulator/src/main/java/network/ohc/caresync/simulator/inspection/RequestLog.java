package network.ohc.caresync.simulator.inspection;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The last requests under {@code /api/} as the simulator received them: method, path, raw query, every header with
 * its values as sent, and the body's length and SHA-256 (never the body: it may be large). Lets a test see whether a
 * proxy in front of the simulator (care-sync's transparent mode) passed a request on unchanged.
 */
@Component
public class RequestLog {

    /** Enough for a test's last few requests, little enough to never matter for memory. */
    static final int KEPT = 50;

    /** One request as received. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers,
                           long bodyBytes, String bodySha256) {
    }

    private final ArrayDeque<Received> requests = new ArrayDeque<>();

    public void received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        Received request = new Received(method, path, query, copy, body.length, sha256(body));
        synchronized (requests) {
            requests.addLast(request);
            while (requests.size() > KEPT) {
                requests.removeFirst();
            }
        }
    }

    /** The last {@code count} requests, oldest first. */
    public List<Received> last(int count) {
        synchronized (requests) {
            List<Received> all = new ArrayList<>(requests);
            return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
        }
    }

    public void clear() {
        synchronized (requests) {
            requests.clear();
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
