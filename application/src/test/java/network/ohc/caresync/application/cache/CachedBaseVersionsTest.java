package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which version of the record a conflicting update is merged against, when care-sync holds more than one. */
class CachedBaseVersionsTest {

    static final Instant NOW = Instant.parse("2025-10-01T10:00:00Z");
    static final String SEEN = "2025-10-01T09:14:03.123456Z";
    static final Map<String, Object> FROM_DEVICE = Map.of("address", "as the device saw it");
    static final Map<String, Object> KEPT = Map.of("address", "as kept when the write arrived", "modified_date", SEEN);

    final KeptBases kept = new KeptBases();
    final Cache cache = new Cache();
    final CachedBaseVersions bases = new CachedBaseVersions(kept, cache, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void theBaseTheDeviceSentWinsOverEveryCopyCareSyncKept() {
        kept.keep("w-1", "asha", KEPT, NOW);
        cache.holds(Map.of("address", "in the cache", "modified_date", SEEN));

        assertThat(bases.baseOf(update("w-1", FROM_DEVICE, SEEN))).contains(FROM_DEVICE);
    }

    @Test
    void withoutOneTheCopyKeptWhenTheWriteArrivedWinsOverTheCacheAsItIsNow() {
        kept.keep("w-1", "asha", KEPT, NOW);
        cache.holds(Map.of("address", "in the cache", "modified_date", SEEN));

        assertThat(bases.baseOf(update("w-1", null, SEEN))).contains(KEPT);
    }

    @Test
    void withNoCopyKeptTheCachedRecordServesOnlyWhenItIsTheVersionTheWriteNames() {
        Map<String, Object> same = Map.of("address", "in the cache", "modified_date", "2025-10-01T09:14:03.123456+00:00");
        cache.holds(same);
        assertThat(bases.baseOf(update("w-1", null, SEEN))).contains(same);

        cache.holds(Map.of("address", "refreshed since", "modified_date", "2025-10-01T09:30:00.000000Z"));
        assertThat(bases.baseOf(update("w-1", null, SEEN))).isEmpty();
    }

    @Test
    void aWriteThatNamesNoVersionHasNoBase() {
        kept.keep("w-1", "asha", KEPT, NOW);
        cache.holds(KEPT);

        assertThat(bases.baseOf(update("w-2", null, null))).isEmpty();
    }

    static WriteView update(String id, Map<String, Object> basePayload, String serverTimestamp) {
        return new WriteView(id, 1, "asha", null, "update_patient", "update", "patient", "patient:p-1", 0,
                Map.of("id", "p-1"), Map.of("id", "p-1"), Map.of("address", "mine"), basePayload, List.of(), 0L,
                serverTimestamp, "getPatient", NOW, WriteStatus.CONFLICT, null, List.of(), null, 1, null, 0, null,
                null, null, null, null, null, null, null, null, 0, false, NOW);
    }

    static final class KeptBases implements WriteBaseStore {
        final Map<String, Map<String, Object>> bases = new HashMap<>();

        @Override
        public void keep(String writeId, String userId, Map<String, Object> base, Instant at) {
            bases.putIfAbsent(writeId, base);
        }

        @Override
        public Optional<Map<String, Object>> find(String writeId) {
            return Optional.ofNullable(bases.get(writeId));
        }

        @Override
        public void delete(String writeId) {
            bases.remove(writeId);
        }

        @Override
        public void deleteAll() {
            bases.clear();
        }
    }

    /** Asha's cache, holding one answer of getPatient for p-1. */
    static final class Cache implements QueryCacheStore {
        final CacheKey key = CacheKey.of("getPatient", Map.of("id", "p-1"));
        CachedEntry entry;

        void holds(Map<String, Object> record) {
            entry = new CachedEntry("getPatient", Json.bytes(record),
                    NOW.minusSeconds(60), NOW.plus(Duration.ofDays(1)));
        }

        @Override
        public Optional<CachedEntry> peek(String userId, CacheKey key, Instant now) {
            return "asha".equals(userId) && this.key.equals(key) ? Optional.ofNullable(entry) : Optional.empty();
        }

        @Override
        public Optional<CachedEntry> use(String userId, CacheKey key, Instant now) {
            return peek(userId, key, now);
        }

        @Override
        public void put(String userId, CacheKey key, byte[] body, Instant fetchedAt, Instant expiresAt) {
            throw new UnsupportedOperationException("the merge only reads the cache");
        }

        @Override
        public int evict(String userId, long maxBytesPerUser, long maxBytesTotal) {
            return 0;
        }

        @Override
        public int deleteExpired(Instant now) {
            return 0;
        }

        @Override
        public int deleteUser(String userId) {
            return 0;
        }

        @Override
        public Usage usage() {
            return new Usage(0, 0);
        }
    }
}
