package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persister of a TanStack Query client (the proposal's {@code persistClient}, {@code restoreClient},
 * {@code removeClient}), one per user. Only queries the app marked {@code meta.persist} are kept; mutations never
 * are (care-sync keeps the writes themselves). A client whose {@code buster} differs or that is older than the
 * caller's {@code maxAge} is removed instead of restored, as TanStack's own persister does.
 */
public final class PersistedClients {

    private static final int MAX_BUSTER = 200;

    private final PersistedClientStore store;
    private final CacheLimits limits;
    private final Clock clock;

    public PersistedClients(PersistedClientStore store, CacheLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    /** What a restore found: the client, or why there is none. */
    public record Restore(PersistedClient client, String missing) {
    }

    /** Stores the user's client; how many queries were kept. */
    public int persist(String userId, Object body) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> client = Json.asObject(body);
        if (client == null) {
            throw HandOverRejected.invalid(List.of(new FieldError("", "must be a JSON object "
                    + "{buster, timestamp, clientState}")));
        }
        String buster = "";
        if (client.get("buster") instanceof String b) {
            buster = b;
            if (b.length() > MAX_BUSTER) {
                errors.add(new FieldError("buster", "must be at most " + MAX_BUSTER + " characters"));
            }
        } else if (client.get("buster") != null) {
            errors.add(new FieldError("buster", "must be a string"));
        }
        long timestamp = 0;
        if (client.get("timestamp") instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            timestamp = n.longValue();
        } else {
            errors.add(new FieldError("timestamp", "required: milliseconds since the epoch"));
        }
        List<Object> kept = new ArrayList<>();
        Map<String, Object> state = Json.asObject(client.get("clientState"));
        if (state == null) {
            errors.add(new FieldError("clientState", "required: an object with queries and mutations"));
        } else {
            if (!(state.get("queries") instanceof List<?> queries)) {
                errors.add(new FieldError("clientState.queries", "required: a list of dehydrated queries"));
            } else {
                for (int i = 0; i < queries.size(); i++) {
                    Map<String, Object> query = Json.asObject(queries.get(i));
                    if (query == null) {
                        errors.add(new FieldError("clientState.queries[" + i + "]", "must be an object"));
                    } else if (markedPersist(query)) {
                        kept.add(query);
                    }
                }
            }
            if (state.get("mutations") != null && !(state.get("mutations") instanceof List<?>)) {
                errors.add(new FieldError("clientState.mutations", "must be a list"));
            }
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        Map<String, Object> keptState = new LinkedHashMap<>();
        keptState.put("queries", kept);
        keptState.put("mutations", List.of());
        PersistedClient stored = new PersistedClient(buster, timestamp, keptState, clock.instant());
        byte[] json = Json.bytes(document(stored));
        if (json.length > limits.maxPersistedClientBytes()) {
            throw new HandOverRejected(HandOverRejected.Reason.TOO_LARGE, "the queries marked meta.persist take "
                    + json.length + " bytes; at most " + limits.maxPersistedClientBytes() + " are kept per user",
                    List.of(new FieldError("clientState.queries", "too large to keep")));
        }
        store.save(userId, stored, json);
        return kept.size();
    }

    /**
     * The user's client, unless there is none, its buster differs from {@code buster} (when given) or it is older
     * than {@code maxAge} (when given); in the last two cases it is removed.
     */
    public Restore restore(String userId, String buster, Duration maxAge) {
        Optional<PersistedClient> found = store.find(userId);
        if (found.isEmpty()) {
            return new Restore(null, "no persisted client");
        }
        PersistedClient client = found.get();
        if (buster != null && !buster.equals(client.buster())) {
            store.delete(userId);
            return new Restore(null, "the persisted client had another buster; it was removed");
        }
        Instant now = clock.instant();
        if (maxAge != null && client.storedAt().plus(maxAge).isBefore(now)) {
            store.delete(userId);
            return new Restore(null, "the persisted client was older than maxAge; it was removed");
        }
        return new Restore(client, null);
    }

    public boolean remove(String userId) {
        return store.delete(userId);
    }

    /** The client as TanStack's persister hands it over and takes it back. */
    public static Map<String, Object> document(PersistedClient client) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("buster", client.buster());
        document.put("timestamp", client.timestamp());
        document.put("clientState", client.clientState());
        return document;
    }

    private static boolean markedPersist(Map<String, Object> query) {
        Map<String, Object> meta = Json.asObject(query.get("meta"));
        return meta != null && Boolean.TRUE.equals(meta.get("persist"));
    }
}
