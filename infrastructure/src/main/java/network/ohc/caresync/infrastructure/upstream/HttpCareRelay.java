package network.ohc.caresync.infrastructure.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Passes a request of the CARE web app on to CARE as it came (the transparent mode): method, path and query as
 * received, headers but the hop-by-hop ones, and the body, streamed. The answer comes back as a stream too. As with
 * {@link HttpUpstream}, a failure to connect means nothing reached CARE; a timeout or a broken connection after
 * sending means CARE may have acted on it.
 */
public class HttpCareRelay {

    /** Headers that belong to one connection, not to the request (RFC 9110 §7.6.1), and those the client sets. */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
            "host", "content-length", "expect", "http2-settings");

    private final HttpClient client;
    private final String baseUrl;
    private final Duration readTimeout;

    public HttpCareRelay(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.readTimeout = readTimeout;
    }

    /**
     * A request to pass on: {@code pathAndQuery} as received (already encoded), the headers to send, and the body as
     * bytes (when care-sync read it first) or as a stream of {@code length} bytes (-1: unknown), or neither.
     */
    public record Relayed(String method, String pathAndQuery, List<Map.Entry<String, String>> headers, byte[] body,
                          InputStream stream, long length) {
    }

    /** What became of a relayed request. */
    public sealed interface Outcome {
        /** CARE answered: status, headers (hop-by-hop ones left out), and the body to read. */
        record Answered(int status, Map<String, List<String>> headers, InputStream body) implements Outcome {
        }

        /** Nothing reached CARE. */
        record NotSent(String reason) implements Outcome {
        }

        /** Sent, but no answer came back: CARE may have acted on it. */
        record Lost(String reason) implements Outcome {
        }
    }

    public Outcome send(Relayed request) {
        HttpRequest.Builder builder;
        try {
            builder = HttpRequest.newBuilder(URI.create(baseUrl + request.pathAndQuery())).timeout(readTimeout);
        } catch (IllegalArgumentException badUri) {
            throw new IllegalArgumentException("not a path CARE could be asked for", badUri);
        }
        for (Map.Entry<String, String> header : request.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                try {
                    builder.header(header.getKey(), header.getValue());
                } catch (IllegalArgumentException restricted) {
                    // a header the JDK client sets itself, or refuses: CARE gets its own
                }
            }
        }
        builder.method(request.method(), publisher(request));
        try {
            HttpResponse<InputStream> response = client.send(builder.build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            return new Outcome.Answered(response.statusCode(), response.headers().map(), response.body());
        } catch (HttpConnectTimeoutException e) {
            return new Outcome.NotSent("connect timeout");
        } catch (HttpTimeoutException e) {
            return new Outcome.Lost("no answer within " + readTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return HttpUpstream.notConnected(e) ? new Outcome.NotSent(HttpUpstream.describe(e))
                    : new Outcome.Lost(HttpUpstream.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome.Lost("interrupted");
        }
    }

    private static HttpRequest.BodyPublisher publisher(Relayed request) {
        if (request.body() != null) {
            return HttpRequest.BodyPublishers.ofByteArray(request.body());
        }
        if (request.stream() == null || request.length() == 0) {
            return HttpRequest.BodyPublishers.noBody();
        }
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(request::stream);
        return request.length() > 0 ? HttpRequest.BodyPublishers.fromPublisher(stream, request.length()) : stream;
    }
}
