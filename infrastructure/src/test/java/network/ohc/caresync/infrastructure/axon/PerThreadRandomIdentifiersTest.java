package network.ohc.caresync.infrastructure.axon;

import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class PerThreadRandomIdentifiersTest {

    @Test
    void axonTakesItsIdentifiersFromThePerThreadGenerator() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(PerThreadRandomIdentifiers.class);
    }

    @Test
    void identifiersAreRandomVersionFourUuids() {
        UUID id = UUID.fromString(IdentifierFactory.getInstance().generateIdentifier());

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void threadsDrawingAtOnceNeverDrawTheSameIdentifier() throws InterruptedException {
        Set<String> drawn = ConcurrentHashMap.newKeySet();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            threads.submit(() -> {
                for (int i = 0; i < 25_000; i++) {
                    drawn.add(IdentifierFactory.getInstance().generateIdentifier());
                }
            });
        }
        threads.shutdown();
        assertThat(threads.awaitTermination(1, TimeUnit.MINUTES)).isTrue();

        assertThat(drawn).hasSize(200_000);
    }
}
