package network.ohc.caresync.infrastructure.axon.upcasting;

import network.ohc.caresync.domain.write.DependencyResolved;
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

class DependencyResolvedUpcasterTest {

    private final Serializer serializer = new AxonConfiguration().serializer();
    private final EventUpcasterChain chain = new EventUpcasterChain(new DependencyResolvedUpcaster());

    @Test
    void aRevisionOneResolutionLeftTheExpectedVersionAlone() {
        DependencyResolved event = read("1", """
                {"writeId":"offline-c","parentWriteId":"offline-p","temporaryId":"offline-p","realId":"r1",
                 "replacements":[{"field":"payload.patient","oldValue":"offline-p","newValue":"r1"}],
                 "pathParams":null,"queryParams":null,"payload":{"patient":"r1"},"recordKey":"encounter:offline-c",
                 "at":"2026-01-05T10:00:00Z"}""");

        assertThat(event.serverTimestamp()).isNull();
        assertThat(event.realId()).isEqualTo("r1");
        assertThat(event.replacements()).hasSize(1);
    }

    @Test
    void aRevisionTwoResolutionKeepsItsVersion() {
        DependencyResolved event = read("2", """
                {"writeId":"offline-c","parentWriteId":"offline-p","temporaryId":"offline-p","realId":"r1",
                 "replacements":[],"pathParams":{"id":"r1"},"queryParams":null,"payload":{},
                 "recordKey":"patient:r1","serverTimestamp":"2026-01-05T10:00:01.000001Z",
                 "at":"2026-01-05T10:00:00Z"}""");

        assertThat(event.serverTimestamp()).isEqualTo("2026-01-05T10:00:01.000001Z");
    }

    private DependencyResolved read(String revision, String json) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("OfflineWrite", "w", 0, "event-id",
                "2026-01-05T10:00:00.000Z", DependencyResolved.class.getName(), revision,
                json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<IntermediateEventRepresentation> upcast = chain.upcast(
                Stream.of(new InitialEventRepresentation(stored, serializer))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        return serializer.deserialize(upcast.get(0).getData());
    }
}
