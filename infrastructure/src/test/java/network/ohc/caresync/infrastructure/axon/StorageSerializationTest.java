package network.ohc.caresync.infrastructure.axon;

import network.ohc.caresync.application.dependency.DependencySaga;
import network.ohc.caresync.application.retry.RetrySaga;
import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteDiscarded;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What Axon stores must come back as it went in: events, and sagas with all their state. */
class StorageSerializationTest {

    final Serializer serializer = new AxonConfiguration().serializer();

    @Test
    void eventsRoundTripAsJson() {
        OfflineWriteCreated created = new OfflineWriteCreated("w", "u", "d", "create_patient", "create", "patient",
                "patient:w", Map.of("id", "x"), null, Map.of("name", "A", "n", List.of(1, 2)), List.of("p"), 5L,
                "2025-01-01T00:00:00.000001Z", null, null, "h", Instant.parse("2026-01-01T00:00:00Z"));
        SyncFailed failed = new SyncFailed("w", 1, new UpstreamFailure(FailureKind.VALIDATION, 400, "HTTP 400",
                List.of(Map.of("msg", "bad"))), 1, false, null, Instant.EPOCH);
        WriteDiscarded discarded = new WriteDiscarded("w", Actor.user("u"), "why", Instant.EPOCH);

        for (Object event : List.of(created, failed, discarded)) {
            SerializedObject<byte[]> bytes = serializer.serialize(event, byte[].class);
            assertThat(new String(bytes.getData())).startsWith("{");
            assertThat((Object) serializer.deserialize(bytes)).isEqualTo(event);
        }
    }

    @Test
    void sagasKeepEveryFieldThroughTheStore() throws Exception {
        DependencySaga saga = new DependencySaga();
        set(saga, "childId", "child");
        @SuppressWarnings("unchecked")
        Set<String> waiting = (Set<String>) get(saga, "waitingFor");
        waiting.add("parent-a");
        waiting.add("parent-b");

        DependencySaga back = serializer.deserialize(serializer.serialize(saga, byte[].class));

        assertThat(get(back, "childId")).isEqualTo("child");
        assertThat(get(back, "waitingFor")).isEqualTo(Set.of("parent-a", "parent-b"));

        RetrySaga retry = new RetrySaga();
        set(retry, "writeId", "w");
        set(retry, "deadlineId", "d1");
        RetrySaga retryBack = serializer.deserialize(serializer.serialize(retry, byte[].class));
        assertThat(get(retryBack, "writeId")).isEqualTo("w");
        assertThat(get(retryBack, "deadlineId")).isEqualTo("d1");
    }

    private static Object get(Object target, String name) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
