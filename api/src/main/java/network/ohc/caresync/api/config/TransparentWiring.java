package network.ohc.caresync.api.config;

import network.ohc.caresync.api.web.transparent.JdbcTransparentSessions;
import network.ohc.caresync.api.web.transparent.JwtTransparentTokens;
import network.ohc.caresync.api.web.transparent.TransparentCareFilter;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.auth.CredentialStore;
import network.ohc.caresync.application.auth.Roles;
import network.ohc.caresync.application.auth.SignInService;
import network.ohc.caresync.application.auth.UserDataWiper;
import network.ohc.caresync.application.cache.CacheLimits;
import network.ohc.caresync.application.cache.OverlayWrites;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.cache.QueryCacheStore;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.transparent.CareCallers;
import network.ohc.caresync.application.transparent.KnownCareTokens;
import network.ohc.caresync.application.transparent.OfflineCare;
import network.ohc.caresync.application.transparent.TransparentSessions;
import network.ohc.caresync.application.transparent.TransparentSignIn;
import network.ohc.caresync.application.transparent.TransparentTokens;
import network.ohc.caresync.application.write.HandOverService;
import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import network.ohc.caresync.infrastructure.config.KeyMaterial;
import network.ohc.caresync.infrastructure.session.JdbcSessions;
import network.ohc.caresync.infrastructure.transparent.JdbcKnownCareTokens;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;

/**
 * The transparent CARE API mode (issue 11): CARE's API under {@code care-sync.transparent.prefix} (and on
 * {@code care-sync.transparent.port} when set), built from the parts care-sync already has: the query cache,
 * hand-over, sign-in and the vault, the connectivity monitor.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TransparentProperties.class)
@ConditionalOnProperty(prefix = "care-sync.transparent", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TransparentWiring {

    @Bean
    public KnownCareTokens knownCareTokens(NamedParameterJdbcTemplate jdbc, Clock clock) {
        return new JdbcKnownCareTokens(jdbc, clock);
    }

    @Bean
    public TransparentTokens transparentTokens(KeyMaterial keys, TransparentProperties properties, Clock clock) {
        return new JwtTransparentTokens(keys.sessionKey(), properties.getAccessTokenLifetime(),
                properties.getRefreshTokenLifetime(), clock);
    }

    @Bean
    public CareCallers careCallers(TransparentTokens tokens, TransparentSessions sessions, KnownCareTokens known,
                                   CredentialStore credentials, Roles roles, Clock clock) {
        return new CareCallers(tokens, sessions, known, credentials, roles, clock);
    }

    @Bean
    public OfflineCare offlineCare(RouteTable routes, QueryCache cache, QueryCacheStore store,
                                   HandOverService handOver, OverlayWrites writes, CredentialStore credentials,
                                   Clock clock, TransparentProperties properties) {
        return new OfflineCare(routes, cache, store, handOver, writes, credentials, clock, properties.getViewWait());
    }

    @Bean
    public TransparentSessions transparentSessions(JdbcSessions sessions, NamedParameterJdbcTemplate jdbc,
                                                   Clock clock) {
        return new JdbcTransparentSessions(sessions, jdbc, clock);
    }

    @Bean
    public TransparentSignIn transparentSignIn(SignInService signIn, CareCallers callers,
                                               TransparentSessions sessions, ObjectProvider<UserDataWiper> wipers) {
        return new TransparentSignIn(signIn, callers, sessions, wipers.orderedStream().toList());
    }

    @Bean
    public HttpCareRelay httpCareRelay(CareSyncProperties properties, TransparentProperties transparent) {
        CareSyncProperties.Upstream upstream = properties.getUpstream();
        return new HttpCareRelay(upstream.getBaseUrl(), upstream.getConnectTimeout(), transparent.getReadTimeout());
    }

    /** After Spring Security (its filters run at -100), before Spring MVC, which never sees CARE's paths. */
    @Bean
    public FilterRegistrationBean<TransparentCareFilter> transparentCareFilter(
            TransparentProperties properties, HttpCareRelay relay, ConnectivityMonitor connectivity,
            CareCallers callers, OfflineCare offline, TransparentSignIn signIn, CareTokenVault vault,
            QueryCache cache, RouteTable routes, CacheLimits limits) {
        FilterRegistrationBean<TransparentCareFilter> registration = new FilterRegistrationBean<>(
                new TransparentCareFilter(properties, relay, connectivity, callers, offline, signIn, vault, cache,
                        routes, limits.maxBytesPerUser()));
        registration.addUrlPatterns("/*");
        registration.setOrder(0);
        return registration;
    }

    /**
     * CARE's paths carry CARE tokens, not care-sync session tokens: a chain of their own, before the one that checks
     * session tokens. care-sync itself tells who a CARE token names, where it needs to (see CareCallers).
     */
    @Bean
    @Order(1)
    public SecurityFilterChain transparentCareSecurity(HttpSecurity http, TransparentProperties properties)
            throws Exception {
        RequestMatcher prefixed = PathPatternRequestMatcher.withDefaults()
                .matcher(properties.normalizedPrefix() + "/**");
        Integer port = properties.getPort();
        RequestMatcher matcher = port == null ? prefixed
                : new OrRequestMatcher(prefixed, request -> request.getLocalPort() == port);
        http.securityMatcher(matcher)
                .csrf(AbstractHttpConfigurer::disable)
                .cors(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** An extra connector where CARE's paths are served at the root, for a web app whose API address has no path. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> transparentCarePort(
            TransparentProperties properties) {
        return factory -> {
            if (properties.getPort() != null) {
                Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
                connector.setPort(properties.getPort());
                factory.addAdditionalTomcatConnectors(connector);
            }
        };
    }
}
