package network.ohc.caresync.api.cache;

import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.api.support.Api;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.application.auth.Caller;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.cache.CacheLimits;
import network.ohc.caresync.application.cache.OverlayWrites;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.infrastructure.upstream.HttpUpstream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size caps, with the application's own parts but caps small enough to reach with a few records (the shared
 * test configuration keeps the generous defaults).
 */
class CacheLimitsTest extends CacheScenario {

    @Autowired RouteTable routes;
    @Autowired HttpUpstream upstream;
    @Autowired CareTokenVault vault;
    @Autowired ConnectivityMonitor connectivity;
    @Autowired QueryCacheStore store;
    @Autowired OverlayWrites writes;
    @Autowired CredentialStore credentials;
    @Autowired Clock clock;
    @Autowired MeterRegistry meters;

    static final Caller ASHA = new Caller(Users.ASHA_ID, Users.ASHA, Set.of(Caller.Role.USER), null);
    static final Caller RAVI = new Caller(Users.RAVI_ID, Users.RAVI, Set.of(Caller.Role.USER), null);

    @Test
    void aUsersLeastRecentlyUsedEntryGoesWhenTheirCapIsReached() {
        api.login(Users.ASHA);
        String care = simulator.careToken(Users.ASHA);
        List<String> ids = List.of(patientInCare(care, "LRU Patient A"), patientInCare(care, "LRU Patient B"),
                patientInCare(care, "LRU Patient C")).stream().map(p -> (String) p.get("id")).toList();
        long size = sizeOf(ids.get(0));
        QueryCache cache = cacheWith(size * 2 + size / 2, Long.MAX_VALUE);

        read(cache, ASHA, ids.get(0));
        read(cache, ASHA, ids.get(1));
        read(cache, ASHA, ids.get(0));
        read(cache, ASHA, ids.get(2));

        assertThat(cached(Users.ASHA_ID, ids)).containsExactlyInAnyOrder(ids.get(0), ids.get(2));
    }

    @Test
    void theLeastRecentlyUsedEntryOfAnyoneGoesWhenTheTotalCapIsReached() {
        api.login(Users.ASHA);
        api.login(Users.RAVI);
        String care = simulator.careToken(Users.ASHA);
        List<String> ids = List.of(patientInCare(care, "Total Patient A"), patientInCare(care, "Total Patient B"),
                patientInCare(care, "Total Patient C")).stream().map(p -> (String) p.get("id")).toList();
        long size = sizeOf(ids.get(0));
        QueryCache cache = cacheWith(Long.MAX_VALUE, size * 2 + size / 2);

        read(cache, ASHA, ids.get(0));
        read(cache, RAVI, ids.get(1));
        read(cache, ASHA, ids.get(2));

        assertThat(cached(Users.ASHA_ID, ids)).containsExactly(ids.get(2));
        assertThat(cached(Users.RAVI_ID, ids)).containsExactly(ids.get(1));
    }

    @Test
    void theSizesAreInTheMetrics() {
        String token = api.login(Users.ASHA);
        Map<String, Object> created = patientInCare(simulator.careToken(Users.ASHA), "Measured Maya");
        assertThat(patient(token, created.get("id")).status()).isEqualTo(200);

        String admin = api.login(Users.KIRAN);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Api.Answer metrics = api.get("/actuator/prometheus", admin);
            assertThat(metrics.raw().body()).containsPattern("(?m)^care_sync_cache_bytes [1-9]")
                    .containsPattern("(?m)^care_sync_cache_entries [1-9]");
        });
    }

    /** The size of a patient's answer as the cache stores it (all test patients have the same shape). */
    private long sizeOf(String patientId) {
        read(cacheWith(Long.MAX_VALUE, Long.MAX_VALUE), ASHA, patientId);
        Long size = jdbc.queryForObject("SELECT size_bytes FROM query_cache_entry WHERE user_id = ? "
                + "AND params ->> 'id' = ?", Long.class, Users.ASHA_ID, patientId);
        store.deleteUser(Users.ASHA_ID);
        return size;
    }

    private QueryCache cacheWith(long perUser, long total) {
        return new QueryCache(routes, upstream, vault, connectivity, store, writes, credentials,
                new CacheLimits(perUser, total, Duration.ofDays(1), 1024 * 1024), clock, meters);
    }

    private static void read(QueryCache cache, Caller caller, String patientId) {
        assertThat(cache.read(caller, "getPatient", Map.of("id", List.of(patientId))).status()).isEqualTo(200);
    }

    private List<String> cached(String userId, List<String> among) {
        return jdbc.queryForList("SELECT params ->> 'id' FROM query_cache_entry WHERE user_id = ? "
                + "AND route_key = 'getPatient'", String.class, userId).stream().filter(among::contains).toList();
    }
}
