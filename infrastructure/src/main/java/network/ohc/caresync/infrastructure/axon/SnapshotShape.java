package network.ohc.caresync.infrastructure.axon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Uses a stored snapshot of an aggregate only while the aggregate still has the fields the snapshot holds. The
 * storage mapper writes every field, so a snapshot taken before a field was added, renamed or removed has other
 * names: it is passed over and the aggregate is rebuilt from its events (and snapshotted anew), instead of being
 * loaded with a field silently left at its default.
 */
final class SnapshotShape implements SnapshotFilter {

    private final String typeName;
    private final Set<String> fields;
    private final ObjectMapper mapper;

    private SnapshotShape(Class<?> aggregateType, ObjectMapper mapper) {
        this.typeName = aggregateType.getName();
        this.fields = fieldsOf(aggregateType);
        this.mapper = mapper;
    }

    static SnapshotShape of(Class<?> aggregateType, ObjectMapper mapper) {
        return new SnapshotShape(aggregateType, mapper);
    }

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        if (!typeName.equals(snapshot.getPayload().getType().getName())) {
            return true;
        }
        Object data = snapshot.getPayload().getData();
        try {
            JsonNode stored = data instanceof byte[] bytes ? mapper.readTree(bytes)
                    : mapper.readTree(String.valueOf(data).getBytes(StandardCharsets.UTF_8));
            Set<String> names = new HashSet<>();
            stored.fieldNames().forEachRemaining(names::add);
            return names.equals(fields);
        } catch (IOException notJson) {
            return false;
        }
    }

    private static Set<String> fieldsOf(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    names.add(field.getName());
                }
            }
        }
        return Set.copyOf(names);
    }
}
