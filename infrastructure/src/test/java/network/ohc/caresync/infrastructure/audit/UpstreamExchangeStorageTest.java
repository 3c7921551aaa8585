package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.ConflictDetected;
import network.ohc.caresync.domain.write.ConflictSource;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.InDoubtReconciled;
import network.ohc.caresync.domain.write.SyncFailed;
import network.ohc.caresync.domain.write.UpstreamExchange;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.infrastructure.axon.AxonConfiguration;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests and answers kept in outcome events survive the store, and events stored before they were kept still
 * read (the new fields come back null, so no revision or upcaster is needed).
 */
class UpstreamExchangeStorageTest {

    final Serializer serializer = new AxonConfiguration().serializer();

    @Test
    void outcomesRoundTripWithTheirExchanges() {
        UpstreamExchange badGateway = new UpstreamExchange("POST", "/api/v1/patient/", 502, "<html>502</html>", 16,
                false);
        UpstreamExchange check = UpstreamExchange.of("GET", "/api/v1/patient/p1/", 200);
        List<Object> events = List.of(
                new SyncFailed("w", 1, new UpstreamFailure(FailureKind.SERVER_ERROR, 502, "HTTP 502", List.of()), 1,
                        true, Instant.EPOCH, Instant.EPOCH, badGateway),
                new ConflictDetected("w", 1, ConflictSource.HTTP_409, Map.of("id", "p1"), "m2", "m1", Instant.EPOCH,
                        check, badGateway),
                new InDoubtReconciled("w", 1, false, null, null, null, "lookup", Actor.ENGINE, Instant.EPOCH,
                        UpstreamExchange.of("GET", "/api/v1/patient/?limit=200&offset=0", 200)));

        for (Object event : events) {
            SerializedObject<byte[]> bytes = serializer.serialize(event, byte[].class);
            assertThat((Object) serializer.deserialize(bytes)).isEqualTo(event);
        }
    }

    @Test
    void outcomesStoredBeforeExchangesWereKeptStillRead() {
        SyncFailed failed = read(SyncFailed.class, """
                {"writeId":"w","attempt":1,"failure":{"kind":"server_error","httpStatus":503,"message":"HTTP 503",
                 "errors":[]},"retries":1,"retryable":true,"nextAttemptAt":"2026-01-01T00:00:02Z",
                 "at":"2026-01-01T00:00:00Z"}""");
        ConflictDetected conflict = read(ConflictDetected.class, """
                {"writeId":"w","attempt":1,"source":"modified_date_changed","serverData":{"id":"p1"},
                 "serverModifiedDate":"m2","expectedTimestamp":"m1","at":"2026-01-01T00:00:00Z"}""");
        InDoubtReconciled reconciled = read(InDoubtReconciled.class, """
                {"writeId":"w","attempt":1,"applied":false,"realId":null,"record":null,"modifiedDate":null,
                 "method":"lookup","by":{"userId":"care-sync","role":"ENGINE"},"at":"2026-01-01T00:00:00Z"}""");

        assertThat(failed.exchange()).isNull();
        assertThat(failed.failure().httpStatus()).isEqualTo(503);
        assertThat(conflict.check()).isNull();
        assertThat(conflict.answer()).isNull();
        assertThat(conflict.serverModifiedDate()).isEqualTo("m2");
        assertThat(reconciled.lookup()).isNull();
        assertThat(reconciled.method()).isEqualTo("lookup");
    }

    private <T> T read(Class<T> type, String json) {
        return serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, new SimpleSerializedType(type.getName(), "1")));
    }
}
