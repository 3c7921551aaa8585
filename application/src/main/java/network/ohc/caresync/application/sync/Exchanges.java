package network.ohc.caresync.application.sync;

import network.ohc.caresync.domain.write.UpstreamExchange;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * A request to CARE and its result as the events keep them for auditors. A body is kept as CARE sent it, whatever
 * it is (JSON, an HTML error page of a proxy), up to {@link #MAX_BODY_BYTES}: an error page can be large, and every
 * event is stored for good.
 */
final class Exchanges {

    static final int MAX_BODY_BYTES = 16 * 1024;

    private Exchanges() {
    }

    /** The request and the status of its answer (null when none came), without the body. */
    static UpstreamExchange of(UpstreamRequest request, UpstreamResult result) {
        return UpstreamExchange.of(request.method(), pathOf(request),
                result instanceof UpstreamResult.Answered answered ? answered.status() : null);
    }

    /** The request and its answer, body included (cut after {@link #MAX_BODY_BYTES}). */
    static UpstreamExchange withBody(UpstreamRequest request, UpstreamResult result) {
        if (!(result instanceof UpstreamResult.Answered answered) || answered.body() == null) {
            return of(request, result);
        }
        byte[] body = answered.body();
        boolean truncated = body.length > MAX_BODY_BYTES;
        return new UpstreamExchange(request.method(), pathOf(request), answered.status(),
                text(body, truncated ? MAX_BODY_BYTES : body.length, truncated), body.length, truncated);
    }

    /** The path as sent, with the query of a search. */
    static String pathOf(UpstreamRequest request) {
        if (request.query().isEmpty()) {
            return request.path();
        }
        return request.path() + "?" + request.query().entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /**
     * The first {@code length} bytes as UTF-8 text, bytes that are no text replaced; where the body was cut, a
     * character cut in two at the end is left out rather than mangled.
     */
    private static String text(byte[] body, int length, boolean cut) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer out = CharBuffer.allocate(length);
        decoder.decode(ByteBuffer.wrap(body, 0, length), out, !cut);
        return out.flip().toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
