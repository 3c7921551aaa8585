package network.ohc.caresync.infrastructure.upstream;

import network.ohc.caresync.application.sync.Upstream;
import network.ohc.caresync.application.sync.UpstreamRequest;
import network.ohc.caresync.application.sync.UpstreamResult;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Collectors;

/**
 * The CARE server over HTTP (the JDK client, HTTP/1.1, connect and read timeouts). A failure to connect means
 * the request never left; a timeout or a broken connection after sending means its outcome is unknown.
 */
public class HttpUpstream implements Upstream {

    private final HttpClient client;
    private final String baseUrl;
    private final Duration readTimeout;

    public HttpUpstream(String baseUrl, Duration connectTimeout, Duration readTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.readTimeout = readTimeout;
    }

    public String baseUrl() {
        return baseUrl;
    }

    @Override
    public UpstreamResult send(UpstreamRequest request) {
        return send(request, readTimeout);
    }

    public UpstreamResult send(UpstreamRequest request, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(request))
                .timeout(timeout)
                .header("Accept", "application/json");
        if (request.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
        } else {
            builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (request.bearerToken() != null) {
            builder.header("Authorization", "Bearer " + request.bearerToken());
        }
        if (request.idempotencyKey() != null) {
            builder.header("Idempotency-Key", request.idempotencyKey());
        }
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new UpstreamResult.Answered(response.statusCode(), response.body());
        } catch (HttpConnectTimeoutException e) {
            return new UpstreamResult.NotSent("connect timeout");
        } catch (HttpTimeoutException e) {
            return new UpstreamResult.Lost("no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return notConnected(e) ? new UpstreamResult.NotSent(describe(e))
                    : new UpstreamResult.Lost(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UpstreamResult.Lost("interrupted");
        }
    }

    private URI uri(UpstreamRequest request) {
        String query = request.query().isEmpty() ? "" : "?" + request.query().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(baseUrl + request.path() + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static boolean notConnected(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
