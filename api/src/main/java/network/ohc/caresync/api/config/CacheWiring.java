package network.ohc.caresync.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.UserDataWiper;
import network.ohc.caresync.application.cache.CacheLimits;
import network.ohc.caresync.application.cache.CachedDataWiper;
import network.ohc.caresync.application.cache.OverlayWrites;
import network.ohc.caresync.application.cache.PersistedClientStore;
import network.ohc.caresync.application.cache.PersistedClients;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.cache.WriteBaseProjection;
import network.ohc.caresync.application.cache.WriteBaseStore;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.Upstream;
import network.ohc.caresync.infrastructure.cache.CacheMetrics;
import network.ohc.caresync.infrastructure.cache.JdbcOverlayWrites;
import network.ohc.caresync.infrastructure.cache.JdbcPersistedClientStore;
import network.ohc.caresync.infrastructure.cache.JdbcQueryCacheStore;
import network.ohc.caresync.infrastructure.cache.JdbcWriteBaseStore;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import network.ohc.caresync.infrastructure.upstream.HttpUpstream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.time.Clock;

/** The query cache (DESIGN.md §4): its stores, use cases, the write-bases projection, housekeeping and metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
public class CacheWiring {

    @Bean
    public CacheLimits cacheLimits(CacheProperties properties) {
        return new CacheLimits(properties.getMaxBytesPerUser().toBytes(), properties.getMaxBytesTotal().toBytes(),
                properties.getDefaultMaxAge(), properties.getMaxPersistedClientBytes().toBytes());
    }

    @Bean
    public QueryCacheStore queryCacheStore(NamedParameterJdbcTemplate jdbc) {
        return new JdbcQueryCacheStore(jdbc);
    }

    @Bean
    public PersistedClientStore persistedClientStore(NamedParameterJdbcTemplate jdbc) {
        return new JdbcPersistedClientStore(jdbc);
    }

    @Bean
    public WriteBaseStore writeBaseStore(NamedParameterJdbcTemplate jdbc) {
        return new JdbcWriteBaseStore(jdbc);
    }

    @Bean
    public OverlayWrites overlayWrites(NamedParameterJdbcTemplate jdbc) {
        return new JdbcOverlayWrites(jdbc);
    }

    @Bean
    public QueryCache queryCache(RouteTable routes, HttpUpstream upstream, CareTokenVault vault,
                                 ConnectivityMonitor connectivity, QueryCacheStore store, OverlayWrites writes,
                                 CredentialStore credentials, CacheLimits limits, Clock clock, MeterRegistry meters,
                                 CacheProperties properties) {
        // a nurse waits at most this long before the stored copy is shown
        Upstream reads = request -> upstream.send(request, properties.getUpstreamTimeout());
        return new QueryCache(routes, reads, vault, connectivity, store, writes, credentials, limits, clock, meters);
    }

    @Bean
    public PersistedClients persistedClients(PersistedClientStore store, CacheLimits limits, Clock clock) {
        return new PersistedClients(store, limits, clock);
    }

    @Bean
    public CachedDataWiper cachedDataWiper(QueryCacheStore cache, PersistedClientStore clients) {
        return new CachedDataWiper(cache, clients);
    }

    @Bean
    public WriteBaseProjection writeBaseProjection(WriteBaseStore store, QueryCacheStore cache, Clock clock) {
        return new WriteBaseProjection(store, cache, clock);
    }

    @Bean
    public CacheHousekeeping cacheHousekeeping(QueryCache cache, JdbcSessions sessions,
                                               ObjectProvider<UserDataWiper> wipers, CacheProperties properties,
                                               Clock clock) {
        return new CacheHousekeeping(cache, sessions, wipers.orderedStream().toList(), properties, clock);
    }

    @Bean
    public CacheMetrics cacheMetrics(QueryCacheStore store, Clock clock) {
        return new CacheMetrics(store, clock);
    }
}
