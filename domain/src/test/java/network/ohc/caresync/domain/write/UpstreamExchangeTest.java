package network.ohc.caresync.domain.write;

import network.ohc.caresync.domain.retry.RetryPolicy;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static network.ohc.caresync.domain.write.OfflineWriteTest.T0;
import static network.ohc.caresync.domain.write.OfflineWriteTest.T1;
import static network.ohc.caresync.domain.write.OfflineWriteTest.UNAVAILABLE;
import static network.ohc.caresync.domain.write.OfflineWriteTest.WRITE;
import static network.ohc.caresync.domain.write.OfflineWriteTest.attempted;
import static network.ohc.caresync.domain.write.OfflineWriteTest.created;

/** What was asked of CARE and what it answered goes into the outcome's event, for the auditors. */
class UpstreamExchangeTest {

    static final UpstreamExchange BAD_GATEWAY = new UpstreamExchange("POST", "/api/v1/encounter/", 502,
            "<html><body>502 Bad Gateway</body></html>", 42, false);
    static final UpstreamExchange CHECK = UpstreamExchange.of("GET", "/api/v1/encounter/e1/", 200);
    static final UpstreamExchange REFUSED = new UpstreamExchange("PUT", "/api/v1/encounter/e1/", 409,
            "{\"detail\":\"changed\"}", 20, false);

    AggregateTestFixture<OfflineWrite> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OfflineWrite.class);
        fixture.registerInjectableResource(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), 3, 0));
    }

    @Test
    void aFailureKeepsTheRequestAndCaresWholeAnswer() {
        fixture.given(created(List.of()), attempted(1))
                .when(new RecordSyncFailure(WRITE, 1, UNAVAILABLE, T0, BAD_GATEWAY))
                .expectEvents(new SyncFailed(WRITE, 1, UNAVAILABLE, 1, true, T0.plusSeconds(2), T0, BAD_GATEWAY));
    }

    @Test
    void aConflictKeepsTheCheckAndCaresRefusal() {
        fixture.given(created(List.of()), attempted(1))
                .when(new RecordConflict(WRITE, 1, ConflictSource.HTTP_409, Map.of("id", "e1"), "m2", "m1", T0,
                        CHECK, REFUSED))
                .expectEvents(new ConflictDetected(WRITE, 1, ConflictSource.HTTP_409, Map.of("id", "e1"), "m2", "m1",
                        T0, CHECK, REFUSED));
    }

    @Test
    void aSettledDoubtKeepsTheLookup() {
        UpstreamExchange lookup = UpstreamExchange.of("GET", "/api/v1/patient/?phone_number=%2B919876543210"
                + "&limit=200&offset=0", 200);
        fixture.given(created(List.of()), attempted(1), new OutcomeInDoubt(WRITE, 1, "reset", T0))
                .when(new ReconcileInDoubt(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T1, lookup))
                .expectEvents(new InDoubtReconciled(WRITE, 1, false, null, null, null, "lookup", Actor.ENGINE, T1,
                        lookup));
    }
}
