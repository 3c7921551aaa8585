package network.ohc.caresync.infrastructure.audit;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class EventSealTest {

    private final EventSeal seal = new EventSeal("a key of at least thirty-two characters".getBytes());

    @Test
    void theSealDependsOnContentNotOnKeyOrderOrSpacingOrTheSealItself() {
        String one = seal.seal(EventSeal.GENESIS, event("{\"a\":1,\"b\":{\"c\":[1,2]}}", "{\"actor\":\"u1\"}"));
        String reordered = seal.seal(EventSeal.GENESIS,
                event("{ \"b\" : {\"c\":[1,2]}, \"a\":1 }", "{\"chain\":\"anything\",\"actor\":\"u1\"}"));

        assertThat(one).hasSize(64).isEqualTo(reordered);
    }

    @Test
    void anyChangeOfPayloadMetadataPlaceOrPredecessorChangesTheSeal() {
        String original = seal.seal(EventSeal.GENESIS, event("{\"a\":1}", "{\"actor\":\"u1\"}"));

        assertThat(seal.seal(EventSeal.GENESIS, event("{\"a\":2}", "{\"actor\":\"u1\"}"))).isNotEqualTo(original);
        assertThat(seal.seal(EventSeal.GENESIS, event("{\"a\":1}", "{\"actor\":\"u2\"}"))).isNotEqualTo(original);
        assertThat(seal.seal("1".repeat(64), event("{\"a\":1}", "{\"actor\":\"u1\"}"))).isNotEqualTo(original);
        assertThat(seal.seal(EventSeal.GENESIS, new StoredEvent(1, "e1", "w1", 1, "OfflineWrite", "T", "1",
                "2026-01-05T10:00:00.000Z", bytes("{\"a\":1}"), bytes("{\"actor\":\"u1\"}")))).isNotEqualTo(original);
        assertThat(new EventSeal("another key of at least thirty-two chars".getBytes())
                .seal(EventSeal.GENESIS, event("{\"a\":1}", "{\"actor\":\"u1\"}"))).isNotEqualTo(original);
    }

    @Test
    void theSealIsReadFromStoredMetadata() {
        assertThat(EventSeal.sealOf(bytes("{\"actor\":\"u1\",\"chain\":\"abc\"}"))).isEqualTo("abc");
        assertThat(EventSeal.sealOf(bytes("{\"actor\":\"u1\"}"))).isNull();
        assertThat(EventSeal.sealOf(null)).isNull();
    }

    /** Each thread keeps one keyed MAC: a seal leaves nothing behind for the next, on any thread. */
    @Test
    void sealsAreTheSameWhateverWasSealedBeforeAndOnWhichThread() throws Exception {
        StoredEvent event = event("{\"a\":1}", "{\"actor\":\"u1\"}");
        String expected = new EventSeal("a key of at least thirty-two characters".getBytes())
                .seal(EventSeal.GENESIS, event);
        seal.seal("f".repeat(64), event("{\"b\":2}", "{\"actor\":\"u2\"}"));
        assertThat(seal.seal(EventSeal.GENESIS, event)).isEqualTo(expected);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> seals = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String previous = i % 2 == 0 ? EventSeal.GENESIS : "e".repeat(64);
                seals.add(threads.submit(() -> seal.seal(previous, event)));
            }
            String fromOther = seal.seal("e".repeat(64), event);
            for (int i = 0; i < seals.size(); i++) {
                assertThat(seals.get(i).get()).isEqualTo(i % 2 == 0 ? expected : fromOther);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(new EventSeal("another key of at least thirty-two characters".getBytes())
                .seal(EventSeal.GENESIS, event)).isNotEqualTo(expected);
    }

    private static StoredEvent event(String payload, String metadata) {
        return new StoredEvent(1, "e1", "w1", 0, "OfflineWrite", "T", "1", "2026-01-05T10:00:00.000Z",
                bytes(payload), bytes(metadata));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
