package network.ohc.caresync.api.transparent;

import com.fasterxml.jackson.databind.ObjectMapper;
import network.ohc.caresync.api.support.CareSyncTest;
import network.ohc.caresync.api.support.Users;
import network.ohc.caresync.api.support.Writes;
import network.ohc.caresync.api.web.transparent.TransparentCareFilter;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import network.ohc.caresync.application.auth.CareTokenVault;
import network.ohc.caresync.application.cache.QueryCache;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.sync.ConnectivityMonitor;
import network.ohc.caresync.application.transparent.CareCallers;
import network.ohc.caresync.application.transparent.OfflineCare;
import network.ohc.caresync.application.transparent.TransparentSignIn;
import network.ohc.caresync.infrastructure.upstream.HttpCareRelay;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request care-sync tries to pass through while it still believes CARE is reachable, but which cannot connect:
 * nothing reached CARE, so it is queued as an offline write instead, and reaches CARE once.
 */
class ConnectFailureTest extends CareSyncTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TransparentProperties properties;
    @Autowired
    ConnectivityMonitor connectivity;
    @Autowired
    CareCallers callers;
    @Autowired
    OfflineCare offline;
    @Autowired
    TransparentSignIn signIn;
    @Autowired
    CareTokenVault vault;
    @Autowired
    QueryCache cache;
    @Autowired
    RouteTable routes;

    @Test
    void aRequestThatCouldNotConnectIsQueuedAndSyncsOnce() throws Exception {
        CareWebApp app = new CareWebApp(port);
        app.login(Users.ASHA);
        // the same filter, with CARE's address pointing where nothing listens: the link just went down
        TransparentCareFilter unplugged = new TransparentCareFilter(properties,
                new HttpCareRelay("http://127.0.0.1:" + closedPort(), Duration.ofSeconds(1), Duration.ofSeconds(3)),
                connectivity, callers, offline, signIn, vault, cache, routes, 1 << 20);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/care/api/v1/patient/");
        request.setContentType("application/json");
        request.addHeader("Authorization", "Bearer " + app.access());
        request.setContent(JSON.writeValueAsBytes(CareWebApp.patient("Unplugged Uma", Writes.phone())));
        MockHttpServletResponse response = new MockHttpServletResponse();

        unplugged.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = JSON.readValue(response.getContentAsString(StandardCharsets.UTF_8), Map.class);
        String writeId = (String) answer.get("id");
        assertThat(writeId).startsWith("offline-");
        assertThat(answer).containsEntry("name", "Unplugged Uma");
        assertThat(response.getHeader("X-Care-Sync-Write-Id")).isEqualTo(writeId);

        awaitStatus(api.login(Users.ASHA), writeId, "success");
        assertThat(simulator.applied(writeId)).isEqualTo(1);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
