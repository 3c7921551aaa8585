package network.ohc.caresync.api.web.transparent;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The transparent CARE API mode's {@code care-sync.transparent.*} settings. */
@ConfigurationProperties(prefix = "care-sync.transparent")
public class TransparentProperties {

    /** Serve CARE's API for the unmodified CARE web app. */
    private boolean enabled = true;
    /** Where CARE's paths are served: the web app's API address becomes http://care-sync:8080/care. */
    private String prefix = "/care";
    /** An extra port where CARE's paths are served at the root (http://care-sync:PORT/api/v1/...); none by default. */
    private Integer port;
    /** How long a passed-through request waits for CARE's answer to begin. */
    private Duration readTimeout = Duration.ofSeconds(60);
    /** Lifetime of the access tokens care-sync issues while CARE cannot be reached. */
    private Duration accessTokenLifetime = Duration.ofHours(1);
    /** Lifetime of the refresh tokens care-sync issues while CARE cannot be reached. */
    private Duration refreshTokenLifetime = Duration.ofHours(12);
    /** How long an offline write's answer waits for the write views to show it. */
    private Duration viewWait = Duration.ofSeconds(5);
    /** Origins of the web app allowed to call care-sync's own answers (CORS); "*" allows any. */
    private List<String> allowedOrigins = new ArrayList<>(List.of("*"));

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getPrefix() { return prefix; }
    public void setPrefix(String prefix) { this.prefix = prefix; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public Duration getReadTimeout() { return readTimeout; }
    public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    public Duration getAccessTokenLifetime() { return accessTokenLifetime; }
    public void setAccessTokenLifetime(Duration v) { this.accessTokenLifetime = v; }
    public Duration getRefreshTokenLifetime() { return refreshTokenLifetime; }
    public void setRefreshTokenLifetime(Duration v) { this.refreshTokenLifetime = v; }
    public Duration getViewWait() { return viewWait; }
    public void setViewWait(Duration viewWait) { this.viewWait = viewWait; }
    public List<String> getAllowedOrigins() { return allowedOrigins; }
    public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }

    /**
     * CARE's path of a request to care-sync ({@code relative}: its URI without the context path, {@code localPort}:
     * the port it came in on), or null when the request is not one for CARE's API.
     */
    public String carePath(String relative, int localPort) {
        if (port != null && localPort == port) {
            return relative.isEmpty() ? "/" : relative;
        }
        String p = normalizedPrefix();
        if (relative.equals(p) || relative.startsWith(p + "/")) {
            String path = relative.substring(p.length());
            return path.isEmpty() ? "/" : path;
        }
        return null;
    }

    /** The prefix as a path: leading slash, no trailing one. */
    public String normalizedPrefix() {
        String p = prefix == null ? "" : prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty()) {
            throw new IllegalStateException("care-sync.transparent.prefix must not be empty: care-sync's own API "
                    + "lives at the root (use care-sync.transparent.port to serve CARE's paths at a root)");
        }
        return p;
    }
}
