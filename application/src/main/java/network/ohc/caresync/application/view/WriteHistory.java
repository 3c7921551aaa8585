package network.ohc.caresync.application.view;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A write's events in order, read from the event store itself: the history a nurse or an auditor sees. */
public final class WriteHistory {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final EventStore eventStore;

    public WriteHistory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public List<Map<String, Object>> of(String writeId) {
        // from the first event, never from a snapshot: the events are the record
        return eventStore.readEvents(writeId, 0).asStream().map(WriteHistory::entry).toList();
    }

    public static Map<String, Object> entry(DomainEventMessage<?> event) {
        Map<String, Object> entry = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = MAPPER.convertValue(event.getPayload(), Map.class);
        fields.remove("writeId");
        // the write's own "type" (create, update...) must not hide the event's type
        Object writeType = fields.remove("type");
        entry.put("type", event.getPayloadType().getSimpleName());
        entry.put("at", event.getTimestamp().toString());
        entry.put("sequence", event.getSequenceNumber());
        if (writeType != null) {
            entry.put("writeType", writeType);
        }
        entry.putAll(fields);
        return entry;
    }
}
