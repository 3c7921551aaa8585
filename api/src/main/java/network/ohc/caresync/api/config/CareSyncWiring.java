package network.ohc.caresync.api.config;

import io.micrometer.core.instrument.MeterRegistry;
import network.ohc.caresync.api.security.CommandCauseInterceptor;
import network.ohc.caresync.api.security.JwtSessions;
import network.ohc.caresync.application.auth.CareAuth;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.PasswordHasher;
import network.ohc.caresync.application.auth.Roles;
import network.ohc.caresync.application.auth.SignInAttempts;
import network.ohc.caresync.application.auth.SignInService;
import network.ohc.caresync.application.auth.TokenVault;
import network.ohc.caresync.application.auth.UserDataWiper;
import network.ohc.caresync.application.cache.CachedBaseVersions;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.cache.WriteBaseStore;
import network.ohc.caresync.application.dependency.DependencySaga;
import network.ohc.caresync.application.dependency.ParentStates;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.BaseVersions;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.sync.InDoubtReconciler;
import network.ohc.caresync.application.sync.PartitionLeases;
import network.ohc.caresync.application.sync.SyncAttempt;
import network.ohc.caresync.application.sync.SyncDispatcher;
import network.ohc.caresync.application.sync.SyncSettings;
import network.ohc.caresync.application.view.WriteHistory;
import network.ohc.caresync.application.view.WriteViewListener;
import network.ohc.caresync.application.retry.RetrySaga;
import network.ohc.caresync.application.view.WriteViewProjection;
import network.ohc.caresync.application.view.WriteViewStore;
import network.ohc.caresync.application.write.HandOverService;
import network.ohc.caresync.application.write.PayloadSchemas;
import network.ohc.caresync.application.write.SubmissionValidator;
import network.ohc.caresync.application.write.WriteActions;
import network.ohc.caresync.application.write.WriteRegistry;
import network.ohc.caresync.domain.retry.RetryPolicy;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.axonframework.common.transaction.TransactionManager;
import network.ohc.caresync.infrastructure.config.KeyMaterial;
import network.ohc.caresync.infrastructure.metrics.BacklogMetrics;
import network.ohc.caresync.infrastructure.metrics.EventProcessorLagMetrics;
import network.ohc.caresync.infrastructure.route.RouteTableLoader;
import network.ohc.caresync.infrastructure.schema.JsonSchemaPayloadSchemas;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import network.ohc.caresync.infrastructure.sync.JdbcPartitionLeases;
import network.ohc.caresync.infrastructure.upstream.HttpUpstream;
import network.ohc.caresync.infrastructure.upstream.HttpUpstreamProbe;
import network.ohc.caresync.infrastructure.vault.BCryptPasswordHasher;
import network.ohc.caresync.infrastructure.vault.JdbcCredentialStore;
import network.ohc.caresync.infrastructure.vault.JdbcSignInAttempts;
import network.ohc.caresync.infrastructure.vault.TokenCipher;
import network.ohc.caresync.infrastructure.view.JdbcWriteViewStore;
import network.ohc.caresync.infrastructure.write.EventStoreWriteRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.time.Duration;
import java.util.HashSet;

/** The composition root: every port gets its adapter and every use case its parts. */
@Configuration(proxyBeanMethods = false)
public class CareSyncWiring {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public KeyMaterial keyMaterial(CareSyncProperties properties) {
        return new KeyMaterial(properties);
    }

    @Bean
    public NodeId nodeId(CareSyncProperties properties, Environment environment) {
        if (properties.getNodeId() != null && !properties.getNodeId().isBlank()) {
            return new NodeId(properties.getNodeId());
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        return new NodeId(host + ":" + environment.getProperty("server.port", "8080"));
    }

    @Bean
    public PayloadSchemas payloadSchemas() {
        return new JsonSchemaPayloadSchemas();
    }

    @Bean
    public RouteTable routeTable(CareSyncProperties properties, PayloadSchemas schemas) {
        try {
            if (properties.getRoutesFile() != null) {
                try (InputStream in = Files.newInputStream(properties.getRoutesFile())) {
                    return RouteTableLoader.load(in, properties.getRoutesFile().toString(), schemas);
                }
            }
            try (InputStream in = CareSyncWiring.class.getClassLoader().getResourceAsStream("routes.yml")) {
                return RouteTableLoader.load(in, "classpath:routes.yml", schemas);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the route table", e);
        }
    }

    @Bean
    public RetryPolicy retryPolicy(CareSyncProperties properties) {
        CareSyncProperties.Retry retry = properties.getRetry();
        return new RetryPolicy(retry.getBase(), retry.getCap(), retry.getMaxAttempts(), retry.getJitter());
    }

    @Bean
    public WriteViewStore writeViewStore(NamedParameterJdbcTemplate jdbc) {
        return new JdbcWriteViewStore(jdbc);
    }

    @Bean
    public WriteViewProjection writeViewProjection(WriteViewStore store, ObjectProvider<WriteViewListener> listeners) {
        return new WriteViewProjection(store, listeners.orderedStream().toList());
    }

    @Bean
    public WriteViewListener dispatcherWakeUp(SyncDispatcher dispatcher) {
        return (writeId, userId, status) -> dispatcher.viewChanged(writeId, status);
    }

    @Bean
    public WriteRegistry writeRegistry(JdbcTemplate jdbc) {
        return new EventStoreWriteRegistry(jdbc);
    }

    @Bean
    public WriteHistory writeHistory(EventStore eventStore) {
        return new WriteHistory(eventStore);
    }

    @Bean
    public ParentStates parentStates(EventStore eventStore) {
        return new ParentStates(eventStore);
    }

    @Bean
    public SubmissionValidator submissionValidator(RouteTable routes, PayloadSchemas schemas,
                                                   CareSyncProperties properties) {
        return new SubmissionValidator(routes, schemas, properties.getWrites().getMaxWriteBytes());
    }

    @Bean
    public HandOverService handOverService(SubmissionValidator validator, WriteRegistry registry,
                                           CommandGateway commands, Clock clock, SyncDispatcher dispatcher,
                                           CareSyncProperties properties, MeterRegistry meters,
                                           TransactionManager transactions) {
        return new HandOverService(validator, registry, commands, clock, dispatcher,
                properties.getWrites().getMaxBatch(), meters, transactions,
                properties.getWrites().getBatchTransactions());
    }

    @Bean
    public WriteActions writeActions(CommandGateway commands, WriteRegistry registry, WriteViewStore views,
                                     Clock clock, SyncDispatcher dispatcher) {
        return new WriteActions(commands, registry, views, clock, dispatcher);
    }

    @Bean
    public HttpUpstream httpUpstream(CareSyncProperties properties) {
        CareSyncProperties.Upstream upstream = properties.getUpstream();
        return new HttpUpstream(upstream.getBaseUrl(), upstream.getConnectTimeout(), upstream.getReadTimeout());
    }

    @Bean
    public ConnectivityMonitor connectivityMonitor(HttpUpstream upstream, CareSyncProperties properties, Clock clock) {
        CareSyncProperties.Upstream settings = properties.getUpstream();
        return new ConnectivityMonitor(new HttpUpstreamProbe(upstream, settings.getProbePath(),
                settings.getProbeTimeout()), settings.getUpAfter(), settings.getDownAfter(), clock);
    }

    @Bean
    public CareAuth careAuth(HttpUpstream upstream) {
        return new CareAuth(upstream);
    }

    @Bean
    public CredentialStore credentialStore(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions,
                                           KeyMaterial keys, Clock clock) {
        return new JdbcCredentialStore(jdbc, transactions, new TokenCipher(keys.vaultKey()), clock);
    }

    @Bean
    public CareTokenVault careTokenVault(CredentialStore credentials, CareAuth care, Clock clock) {
        return new TokenVault(credentials, care, clock);
    }

    @Bean
    public PasswordHasher passwordHasher() {
        return new BCryptPasswordHasher();
    }

    @Bean
    public JdbcSessions jdbcSessions(NamedParameterJdbcTemplate jdbc) {
        return new JdbcSessions(jdbc);
    }

    @Bean
    public JwtSessions jwtSessions(KeyMaterial keys, JdbcSessions sessions, CareSyncProperties properties,
                                   Clock clock) {
        return new JwtSessions(keys.sessionKey(), sessions, properties.getSession().getLifetime(), clock);
    }

    @Bean
    public Roles roles(CareSyncProperties properties) {
        return new Roles(new HashSet<>(properties.getAuditors()), new HashSet<>(properties.getAdmins()));
    }

    @Bean
    public SignInAttempts signInAttempts(NamedParameterJdbcTemplate jdbc) {
        return new JdbcSignInAttempts(jdbc);
    }

    @Bean
    public SignInService signInService(CareAuth care, CredentialStore credentials, SignInAttempts attempts,
                                       PasswordHasher hasher, JwtSessions sessions, Roles roles,
                                       ObjectProvider<UserDataWiper> wipers, SyncDispatcher dispatcher, Clock clock,
                                       CareSyncProperties properties) {
        return new SignInService(care, credentials, attempts, hasher, sessions, roles,
                wipers.orderedStream().toList(), dispatcher, clock, properties.getSignIn().getMaxFailedAttempts(),
                properties.getSignIn().getLockout());
    }

    @Bean
    public SyncSettings syncSettings(CareSyncProperties properties, NodeId nodeId) {
        CareSyncProperties.Sync sync = properties.getSync();
        return new SyncSettings(nodeId.value(), sync.getMaxInFlight(), sync.getPassInterval(), sync.getInDoubtDelay(),
                sync.getAbandonedAfter(), properties.getUpstream().isHonoursIdempotencyKeys());
    }

    @Bean
    public PartitionLeases partitionLeases(NamedParameterJdbcTemplate jdbc, TransactionTemplate transactions,
                                           NodeId nodeId) {
        return new JdbcPartitionLeases(jdbc, transactions, nodeId.value(), Duration.ofSeconds(10));
    }

    /** The device's basePayload, else the version the write names as the user's query cache held it. */
    @Bean
    public BaseVersions baseVersions(WriteBaseStore kept, QueryCacheStore cache, Clock clock) {
        return new CachedBaseVersions(kept, cache, clock);
    }

    @Bean
    public SyncAttempt syncAttempt(RouteTable routes, HttpUpstream upstream, CareTokenVault vault,
                                   CommandGateway commands, WriteViewStore views, ConnectivityMonitor connectivity,
                                   SyncSettings settings, Clock clock, MeterRegistry meters, BaseVersions bases) {
        return new SyncAttempt(routes, upstream, vault, commands, views, connectivity, settings, clock, meters, bases);
    }

    @Bean
    public InDoubtReconciler inDoubtReconciler(RouteTable routes, HttpUpstream upstream, CareTokenVault vault,
                                               CommandGateway commands, SyncSettings settings, Clock clock) {
        return new InDoubtReconciler(routes, upstream, vault, commands, settings, clock);
    }

    @Bean
    public SyncDispatcher syncDispatcher(WriteViewStore views, SyncAttempt attempt, InDoubtReconciler reconciler,
                                         ConnectivityMonitor connectivity, PartitionLeases leases,
                                         CareTokenVault vault, CommandGateway commands, SyncSettings settings,
                                         Clock clock) {
        return new SyncDispatcher(views, attempt, reconciler, connectivity, leases, vault, commands, settings, clock);
    }

    @Bean
    public CommandCauseInterceptor commandCauseInterceptor(NodeId nodeId) {
        return new CommandCauseInterceptor(nodeId.value());
    }

    @Bean
    public BacklogMetrics backlogMetrics(WriteViewStore views, ConnectivityMonitor connectivity,
                                         SyncDispatcher dispatcher, Clock clock) {
        return new BacklogMetrics(views, connectivity, dispatcher::inFlightCount, clock);
    }

    @Bean
    public EventProcessorLagMetrics eventProcessorLagMetrics(org.axonframework.config.Configuration axon,
                                                             EventStore eventStore, Clock clock) {
        return new EventProcessorLagMetrics(List.of(WriteViewProjection.PROCESSING_GROUP,
                DependencySaga.class.getSimpleName() + "Processor", RetrySaga.class.getSimpleName() + "Processor"),
                axon::eventProcessingConfiguration, eventStore, clock);
    }

    /** This node's stable name. */
    public record NodeId(String value) {
    }
}
