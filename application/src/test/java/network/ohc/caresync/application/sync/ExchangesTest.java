package network.ohc.caresync.application.sync;

import network.ohc.caresync.domain.write.UpstreamExchange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the events keep of a request to CARE and its answer. */
class ExchangesTest {

    static final UpstreamRequest POST = new UpstreamRequest("POST", "/api/v1/encounter/", Map.of(), "{}".getBytes(),
            "token", "w1");

    @Test
    void anHtmlErrorPageIsKeptAsCareSentIt() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

        UpstreamExchange kept = Exchanges.withBody(POST, new UpstreamResult.Answered(502,
                page.getBytes(StandardCharsets.UTF_8)));

        assertThat(kept).isEqualTo(new UpstreamExchange("POST", "/api/v1/encounter/", 502, page, page.length(),
                false));
    }

    @Test
    void aLargeBodyIsCutAfterTheLimitAndSaysSo() {
        // a two-byte character straddles the limit: it is left out, not turned into a replacement character
        String body = "x".repeat(Exchanges.MAX_BODY_BYTES - 1) + "é" + "y".repeat(5000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        UpstreamExchange kept = Exchanges.withBody(POST, new UpstreamResult.Answered(502, bytes));

        assertThat(kept.bodyTruncated()).isTrue();
        assertThat(kept.bodyBytes()).isEqualTo(bytes.length);
        assertThat(kept.body()).isEqualTo("x".repeat(Exchanges.MAX_BODY_BYTES - 1));
    }

    @Test
    void aBodyOfExactlyTheLimitIsWhole() {
        String body = "z".repeat(Exchanges.MAX_BODY_BYTES);

        UpstreamExchange kept = Exchanges.withBody(POST, new UpstreamResult.Answered(503, body.getBytes()));

        assertThat(kept.body()).isEqualTo(body);
        assertThat(kept.bodyTruncated()).isFalse();
    }

    @Test
    void noAnswerKeepsTheRequestWithoutAStatus() {
        UpstreamRequest get = new UpstreamRequest("GET", "/api/v1/patient/", Map.of("phone_number", "+91 98"), null,
                null, null);

        UpstreamExchange kept = Exchanges.withBody(get, new UpstreamResult.Lost("read timed out"));

        assertThat(kept).isEqualTo(UpstreamExchange.of("GET", "/api/v1/patient/?phone_number=%2B91+98", null));
    }
}
