package network.ohc.caresync.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/** The query cache's {@code care-sync.cache.*} settings. */
@ConfigurationProperties(prefix = "care-sync.cache")
public class CacheProperties {

    /** Most bytes of CARE answers kept for one user; least recently used entries go first. */
    private DataSize maxBytesPerUser = DataSize.ofMegabytes(32);
    /** Most bytes of CARE answers kept for all users together. */
    private DataSize maxBytesTotal = DataSize.ofGigabytes(1);
    /** How long an entry of a persist route without maxAge is served. */
    private Duration defaultMaxAge = Duration.ofDays(1);
    /** Largest persisted TanStack Query client (after dropping what is not marked persist). */
    private DataSize maxPersistedClientBytes = DataSize.ofMegabytes(5);
    /** How long a read waits for CARE before the stored copy is served instead. */
    private Duration upstreamTimeout = Duration.ofSeconds(5);
    /** How often expired entries are removed. */
    private Duration purgeInterval = Duration.ofMinutes(10);
    /** How often the cached data of users whose sessions expired is wiped. */
    private Duration sessionSweepInterval = Duration.ofMinutes(1);

    public DataSize getMaxBytesPerUser() { return maxBytesPerUser; }
    public void setMaxBytesPerUser(DataSize maxBytesPerUser) { this.maxBytesPerUser = maxBytesPerUser; }
    public DataSize getMaxBytesTotal() { return maxBytesTotal; }
    public void setMaxBytesTotal(DataSize maxBytesTotal) { this.maxBytesTotal = maxBytesTotal; }
    public Duration getDefaultMaxAge() { return defaultMaxAge; }
    public void setDefaultMaxAge(Duration defaultMaxAge) { this.defaultMaxAge = defaultMaxAge; }
    public DataSize getMaxPersistedClientBytes() { return maxPersistedClientBytes; }
    public void setMaxPersistedClientBytes(DataSize v) { this.maxPersistedClientBytes = v; }
    public Duration getUpstreamTimeout() { return upstreamTimeout; }
    public void setUpstreamTimeout(Duration upstreamTimeout) { this.upstreamTimeout = upstreamTimeout; }
    public Duration getPurgeInterval() { return purgeInterval; }
    public void setPurgeInterval(Duration purgeInterval) { this.purgeInterval = purgeInterval; }
    public Duration getSessionSweepInterval() { return sessionSweepInterval; }
    public void setSessionSweepInterval(Duration sessionSweepInterval) { this.sessionSweepInterval = sessionSweepInterval; }
}
