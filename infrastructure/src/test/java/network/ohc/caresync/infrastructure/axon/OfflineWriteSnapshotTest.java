package network.ohc.caresync.infrastructure.axon;

import network.ohc.caresync.domain.write.AttemptRequest;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.OfflineWrite;
import network.ohc.caresync.domain.write.OfflineWriteCreated;
import network.ohc.caresync.domain.write.SyncAttempted;
import network.ohc.caresync.domain.write.WriteBlocked;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A write stored as a snapshot comes back with every field as it was, so loading from a snapshot changes nothing. */
class OfflineWriteSnapshotTest {

    static final Instant AT = Instant.parse("2026-01-01T08:00:00Z");

    final Serializer serializer = new AxonConfiguration().serializer();
    final SnapshotShape shape = SnapshotShape.of(OfflineWrite.class, AxonConfiguration.storageMapper());

    @Test
    void aWriteComesBackFromItsSnapshotWithEveryFieldAndItsParentsInOrder() throws Exception {
        OfflineWrite write = writeWithHistory();

        SerializedObject<byte[]> snapshot = serializer.serialize(write, byte[].class);
        OfflineWrite back = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8)).startsWith("{");
        for (Field field : OfflineWrite.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            field.setAccessible(true);
            assertThat(field.get(back)).as(field.getName()).isEqualTo(field.get(write));
        }
        assertThat(List.<Object>copyOf((Set<?>) field(back, "unresolvedParents")))
                .as("parents keep the order they were named in").containsExactly("p-z", "p-a", "p-m");
        assertThat(field(back, "blockReason")).isEqualTo(BlockReason.PARENT_FAILED);
    }

    @Test
    void aSnapshotIsUsedOnlyWhileTheWriteStillHasTheFieldsItHolds() {
        byte[] current = serializer.serialize(writeWithHistory(), byte[].class).getData();
        String json = new String(current, StandardCharsets.UTF_8);

        assertThat(shape.allow(snapshot(current))).isTrue();
        assertThat(shape.allow(snapshot(json.replaceFirst("\\{", "{\"aFieldSinceRemoved\":1,")
                .getBytes(StandardCharsets.UTF_8)))).isFalse();
        assertThat(shape.allow(snapshot(json.replace("\"retries\":", "\"retriesRenamed\":")
                .getBytes(StandardCharsets.UTF_8)))).isFalse();
    }

    private static OfflineWrite writeWithHistory() {
        AggregateModel<OfflineWrite> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(OfflineWrite.class);
        OfflineWrite write = newWrite();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("patient", "p-z");
        payload.put("period", Map.of("start", "2025-10-01T09:00:00Z"));
        payload.put("tags", new ArrayList<>(List.of(1, 2.5, true)));
        List<Object> events = List.of(
                new OfflineWriteCreated("w-1", "u-1", "tablet", "create_encounter", "create", "encounter", null,
                        Map.of(), null, payload, List.of("p-z", "p-a", "p-m"), 5L, null, null, null, "hash", AT),
                new WriteBlocked("w-1", BlockReason.WAITING_FOR_PARENT, List.of("p-z", "p-a", "p-m"), null, AT),
                new WriteBlocked("w-1", BlockReason.PARENT_FAILED, List.of("p-a"), "parent p-a is failed", AT));
        events.forEach(event -> model.publish(GenericEventMessage.asEventMessage(event), write));
        return write;
    }

    private static OfflineWrite newWrite() {
        try {
            Constructor<OfflineWrite> constructor = OfflineWrite.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private GenericDomainEventEntry<byte[]> snapshot(byte[] payload) {
        return new GenericDomainEventEntry<>(OfflineWrite.class.getName(), "w-1", 40, "e-1", AT.toString(),
                OfflineWrite.class.getName(), null, payload, "{}".getBytes(StandardCharsets.UTF_8));
    }

    private static Object field(Object target, String name) throws Exception {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(target);
    }
}
