package network.ohc.caresync.infrastructure.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every {@code care-sync.*} setting, with the defaults a first run on one machine needs. */
@ConfigurationProperties(prefix = "care-sync")
public class CareSyncProperties {

    /** Where the embedded PostgreSQL keeps its data (and where generated keys are kept when none are configured). */
    private Path dataDir = Path.of(System.getProperty("user.home"), ".care-sync", "data");
    /** This node's stable name; defaults to host name and port. */
    private String nodeId;
    /** CARE usernames with the auditor role. */
    private List<String> auditors = new ArrayList<>();
    /** CARE usernames with the administrator role. */
    private List<String> admins = new ArrayList<>();
    /** A route table file replacing the built-in one. */
    private Path routesFile;

    private final EmbeddedDb embeddedDb = new EmbeddedDb();
    private final Upstream upstream = new Upstream();
    private final Sync sync = new Sync();
    private final Retry retry = new Retry();
    private final Writes writes = new Writes();
    private final Session session = new Session();
    private final Vault vault = new Vault();
    private final SignIn signIn = new SignIn();
    private final Cleanup cleanup = new Cleanup();
    private final Audit audit = new Audit();

    public static class EmbeddedDb {
        /** Port of the embedded PostgreSQL; 0 picks a free one. */
        private int port = 0;
        /** Start afresh on every start (tests). */
        private boolean clean = false;
        private int maxPoolSize = 40;
        /**
         * Further PostgreSQL settings of the embedded server (e.g. {@code shared_buffers}); care-sync's own
         * durability settings ({@code fsync}, {@code synchronous_commit}) cannot be turned off here.
         */
        private Map<String, String> serverConfig = new LinkedHashMap<>();

        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public boolean isClean() { return clean; }
        public void setClean(boolean clean) { this.clean = clean; }
        public int getMaxPoolSize() { return maxPoolSize; }
        public void setMaxPoolSize(int maxPoolSize) { this.maxPoolSize = maxPoolSize; }
        public Map<String, String> getServerConfig() { return serverConfig; }
        public void setServerConfig(Map<String, String> serverConfig) { this.serverConfig = serverConfig; }
    }

    public static class Upstream {
        /** The CARE server. */
        private String baseUrl = "http://127.0.0.1:9090";
        private Duration connectTimeout = Duration.ofSeconds(3);
        private Duration readTimeout = Duration.ofSeconds(15);
        /** A path the probe GETs; any answer below 500 means CARE is reachable. */
        private String probePath = "/api/v1/users/getcurrentuser/";
        private Duration probeInterval = Duration.ofSeconds(2);
        private Duration probeTimeout = Duration.ofSeconds(2);
        /** Successes in a row before the link counts as up. */
        private int upAfter = 2;
        /** Failures in a row before the link counts as down. */
        private int downAfter = 2;
        /** Whether CARE keeps Idempotency-Key (real CARE does not). */
        private boolean honoursIdempotencyKeys = false;

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
        public String getProbePath() { return probePath; }
        public void setProbePath(String probePath) { this.probePath = probePath; }
        public Duration getProbeInterval() { return probeInterval; }
        public void setProbeInterval(Duration probeInterval) { this.probeInterval = probeInterval; }
        public Duration getProbeTimeout() { return probeTimeout; }
        public void setProbeTimeout(Duration probeTimeout) { this.probeTimeout = probeTimeout; }
        public int getUpAfter() { return upAfter; }
        public void setUpAfter(int upAfter) { this.upAfter = upAfter; }
        public int getDownAfter() { return downAfter; }
        public void setDownAfter(int downAfter) { this.downAfter = downAfter; }
        public boolean isHonoursIdempotencyKeys() { return honoursIdempotencyKeys; }
        public void setHonoursIdempotencyKeys(boolean v) { this.honoursIdempotencyKeys = v; }
    }

    public static class Sync {
        /** Upper bound of concurrent upstream requests of one node. */
        private int maxInFlight = 16;
        private Duration passInterval = Duration.ofSeconds(1);
        private Duration inDoubtDelay = Duration.ofSeconds(3);
        private Duration abandonedAfter = Duration.ofSeconds(60);
        /** Whether this node sends writes upstream at all (off for a read-only node). */
        private boolean enabled = true;

        public int getMaxInFlight() { return maxInFlight; }
        public void setMaxInFlight(int maxInFlight) { this.maxInFlight = maxInFlight; }
        public Duration getPassInterval() { return passInterval; }
        public void setPassInterval(Duration passInterval) { this.passInterval = passInterval; }
        public Duration getInDoubtDelay() { return inDoubtDelay; }
        public void setInDoubtDelay(Duration inDoubtDelay) { this.inDoubtDelay = inDoubtDelay; }
        public Duration getAbandonedAfter() { return abandonedAfter; }
        public void setAbandonedAfter(Duration abandonedAfter) { this.abandonedAfter = abandonedAfter; }
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
    }

    public static class Retry {
        private Duration base = Duration.ofSeconds(2);
        private Duration cap = Duration.ofMinutes(5);
        private int maxAttempts = 8;
        private double jitter = 0.2;

        public Duration getBase() { return base; }
        public void setBase(Duration base) { this.base = base; }
        public Duration getCap() { return cap; }
        public void setCap(Duration cap) { this.cap = cap; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public double getJitter() { return jitter; }
        public void setJitter(double jitter) { this.jitter = jitter; }
    }

    public static class Writes {
        /** Largest single write, in bytes of JSON. */
        private int maxWriteBytes = 256 * 1024;
        /** Most writes in one batch request. */
        private int maxBatch = 500;
        /** Largest request body, in bytes. */
        private long maxRequestBytes = 16L * 1024 * 1024;
        /**
         * Batches stored at once, each in one transaction holding one database connection; further batches wait their
         * turn (without a connection) so that single writes and the event processors always find one.
         */
        private int batchTransactions = 8;

        public int getMaxWriteBytes() { return maxWriteBytes; }
        public void setMaxWriteBytes(int maxWriteBytes) { this.maxWriteBytes = maxWriteBytes; }
        public int getMaxBatch() { return maxBatch; }
        public void setMaxBatch(int maxBatch) { this.maxBatch = maxBatch; }
        public long getMaxRequestBytes() { return maxRequestBytes; }
        public void setMaxRequestBytes(long maxRequestBytes) { this.maxRequestBytes = maxRequestBytes; }
        public int getBatchTransactions() { return batchTransactions; }
        public void setBatchTransactions(int batchTransactions) { this.batchTransactions = batchTransactions; }
    }

    public static class Session {
        private Duration lifetime = Duration.ofHours(12);
        /** Base64 HMAC key (at least 32 bytes) for session tokens; generated and kept in the data directory when empty. */
        private String signingKey;

        public Duration getLifetime() { return lifetime; }
        public void setLifetime(Duration lifetime) { this.lifetime = lifetime; }
        public String getSigningKey() { return signingKey; }
        public void setSigningKey(String signingKey) { this.signingKey = signingKey; }
    }

    public static class Vault {
        /** Secret the CARE tokens are encrypted with; generated and kept in the data directory when empty. */
        private String key;

        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
    }

    public static class SignIn {
        private int maxFailedAttempts = 5;
        private Duration lockout = Duration.ofMinutes(15);

        public int getMaxFailedAttempts() { return maxFailedAttempts; }
        public void setMaxFailedAttempts(int maxFailedAttempts) { this.maxFailedAttempts = maxFailedAttempts; }
        public Duration getLockout() { return lockout; }
        public void setLockout(Duration lockout) { this.lockout = lockout; }
    }

    public static class Cleanup {
        /** Successful writes older than this leave the views (their events stay). */
        private Duration successMaxAge = Duration.ofDays(7);
        private Duration interval = Duration.ofHours(1);

        public Duration getSuccessMaxAge() { return successMaxAge; }
        public void setSuccessMaxAge(Duration successMaxAge) { this.successMaxAge = successMaxAge; }
        public Duration getInterval() { return interval; }
        public void setInterval(Duration interval) { this.interval = interval; }
    }

    public static class Audit {
        /**
         * Secret (at least 32 characters) the tamper-evidence seals of the events are keyed with; generated and kept
         * in the data directory when empty. Changing it makes every earlier seal fail verification.
         */
        private String key;

        public String getKey() { return key; }
        public void setKey(String key) { this.key = key; }
    }

    public Path getDataDir() { return dataDir; }
    public void setDataDir(Path dataDir) { this.dataDir = dataDir; }
    public String getNodeId() { return nodeId; }
    public void setNodeId(String nodeId) { this.nodeId = nodeId; }
    public List<String> getAuditors() { return auditors; }
    public void setAuditors(List<String> auditors) { this.auditors = auditors; }
    public List<String> getAdmins() { return admins; }
    public void setAdmins(List<String> admins) { this.admins = admins; }
    public Path getRoutesFile() { return routesFile; }
    public void setRoutesFile(Path routesFile) { this.routesFile = routesFile; }
    public EmbeddedDb getEmbeddedDb() { return embeddedDb; }
    public Upstream getUpstream() { return upstream; }
    public Sync getSync() { return sync; }
    public Retry getRetry() { return retry; }
    public Writes getWrites() { return writes; }
    public Session getSession() { return session; }
    public Vault getVault() { return vault; }
    public SignIn getSignIn() { return signIn; }
    public Cleanup getCleanup() { return cleanup; }
    public Audit getAudit() { return audit; }
}
