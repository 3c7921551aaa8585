package network.ohc.caresync.infrastructure.axon.upcasting;

import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.infrastructure.axon.AxonConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SyncAttemptedUpcasterTest {

    private final Serializer serializer = new AxonConfiguration().serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new SyncAttemptedUpcaster());

    @Test
    void aRevisionOneAttemptThatWasSentGetsTheWriteIdAsItsIdempotencyKey() {
        SyncAttempted event = read("1", """
                {"writeId":"offline-1","attempt":2,"node":"n1",
                 "request":{"method":"POST","path":"/api/v1/patient/","bodyHash":"ab12"},
                 "at":"2026-01-05T10:00:00Z"}""");

        assertThat(event.request().idempotencyKey()).isEqualTo("offline-1");
        assertThat(event.request().method()).isEqualTo("POST");
        assertThat(event.attempt()).isEqualTo(2);
    }

    @Test
    void aRevisionOneAttemptThatCouldNotBeBuiltCarriedNoKey() {
        SyncAttempted event = read("1", """
                {"writeId":"offline-2","attempt":1,"node":"n1",
                 "request":{"method":null,"path":null,"bodyHash":null},"at":"2026-01-05T10:00:00Z"}""");

        assertThat(event.request().idempotencyKey()).isNull();
    }

    @Test
    void aRevisionTwoEventIsLeftAsItIs() {
        SyncAttempted event = read("2", """
                {"writeId":"offline-3","attempt":1,"node":"n1",
                 "request":{"method":"PUT","path":"/x/","bodyHash":"cd","idempotencyKey":"other"},
                 "at":"2026-01-05T10:00:00Z"}""");

        assertThat(event.request().idempotencyKey()).isEqualTo("other");
    }

    private SyncAttempted read(String revision, String json) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("OfflineWrite", "w", 0, "event-id",
                "2026-01-05T10:00:00.000Z", SyncAttempted.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = chain.upcast(
                Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.get(0).getData());
    }
}
