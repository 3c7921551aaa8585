package network.ohc.caresync.application.sync;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import network.ohc.caresync.application.audit.InMemoryWriteViewStore;
import network.ohc.caresync.application.json.Json;
import network.ohc.caresync.application.route.PathTemplate;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.domain.write.AbortAttempt;
import network.ohc.caresync.domain.write.Actor;
import network.ohc.caresync.domain.write.BeginSyncAttempt;
import network.ohc.caresync.domain.write.ConflictSource;
import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.RecordAuthRejected;
import network.ohc.caresync.domain.write.RecordConflict;
import network.ohc.caresync.domain.write.UpstreamExchange;
import network.ohc.caresync.domain.write.RecordOutcomeInDoubt;
import network.ohc.caresync.domain.write.RecordSyncFailure;
import network.ohc.caresync.domain.write.RecordSyncSuccess;
import network.ohc.caresync.domain.write.RequireSignIn;
import network.ohc.caresync.domain.write.Resolution;
import network.ohc.caresync.domain.write.ResolveConflict;
import network.ohc.caresync.domain.write.UpstreamFailure;
import network.ohc.caresync.domain.write.WriteRuleViolation;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one attempt classifies what CARE answered (DESIGN.md §3), against a scripted upstream: which outcome the
 * write is given, and what the engine learns about CARE's reachability.
 */
class SyncAttemptTest {

    static final String WRITE = "offline-6f1c2a1e-7a52-4d0e-9d51-6c8a3f0e2b11";
    static final String USER = "nurse-asha-id";
    static final String PATIENT = "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c";
    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    static final String SEEN = "2026-11-20T07:00:00.000001Z";
    static final String MODIFIED = "2026-11-25T08:00:00.123456Z";
    static final Map<String, Object> TOKEN_NOT_VALID = Map.of("detail", "Given token not valid for any token type",
            "code", "token_not_valid");

    static final Route CREATE_PATIENT = new Route("create_patient", "POST", PathTemplate.of("/api/v1/patient/"),
            RouteKind.CREATE, "patient", null, null, false, null, null, null, null, null);
    static final Route UPDATE_PATIENT = new Route("update_patient", "PUT", PathTemplate.of("/api/v1/patient/{id}/"),
            RouteKind.UPDATE, "patient", "patient:{id}", null, false, null, null, null, null, null, "getPatient");
    static final Route GET_PATIENT = new Route("getPatient", "GET", PathTemplate.of("/api/v1/patient/{id}/"),
            RouteKind.QUERY, "patient", null, null, true, Duration.ofDays(1), null, null, null, null);

    final ScriptedUpstream upstream = new ScriptedUpstream();
    final FakeVault vault = new FakeVault();
    final RecordingCommands commands = new RecordingCommands();
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    ConnectivityMonitor connectivity;
    SyncAttempt attempt;

    @BeforeEach
    void setUp() {
        connectivity = new ConnectivityMonitor(() -> true, 2, 2, clock);
        connectivity.probeNow();
        connectivity.probeNow();
        attempt = new SyncAttempt(new RouteTable(List.of(CREATE_PATIENT, UPDATE_PATIENT, GET_PATIENT)), upstream,
                vault, commands, new InMemoryWriteViewStore(), connectivity,
                new SyncSettings("node-a", 4, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(60),
                        false),
                clock, new SimpleMeterRegistry(), BaseVersions.fromDevice());
    }

    static WriteView createPatient() {
        return write("create_patient", "patient:" + WRITE, Map.of(), null, Map.of("name", "Asha", "gender", "female"),
                null, null);
    }

    static WriteView updatePatient(Map<String, Object> changes, String serverTimestamp, Map<String, Object> base) {
        return write("update_patient", "patient:" + PATIENT, Map.of("id", PATIENT), Map.of("id", PATIENT), changes,
                serverTimestamp, base);
    }

    static WriteView write(String route, String recordKey, Map<String, Object> pathParams,
                           Map<String, Object> queryParams, Map<String, Object> payload, String serverTimestamp,
                           Map<String, Object> base) {
        return new WriteView(WRITE, 1, USER, "tablet-3", route, route.startsWith("create") ? "create" : "update",
                "patient", recordKey, 0, pathParams, queryParams, payload, base, List.of(), 1L, serverTimestamp,
                serverTimestamp == null ? null : "getPatient", NOW, WriteStatus.PENDING, null, List.of(), null, 0,
                null, 0, null, null, null, null, null, null, null, null, null, 0, false, NOW);
    }

    /** The outcome the attempt recorded: the one command sent after the attempt began. */
    Object outcome() {
        List<Object> sent = commands.sent();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).isInstanceOf(BeginSyncAttempt.class);
        return sent.get(1);
    }

    UpstreamFailure failure() {
        Object outcome = outcome();
        assertThat(outcome).isInstanceOf(RecordSyncFailure.class);
        return ((RecordSyncFailure) outcome).failure();
    }

    @Nested
    class Answers {

        @Test
        void aSuccessIsRecordedWithCaresAnswerItsModifiedDateAndTheRealId() {
            Map<String, Object> created = Map.of("id", PATIENT, "name", "Asha", "modified_date", MODIFIED);
            upstream.thenAnswer(201, created);

            assertThat(attempt.run(createPatient())).isTrue();

            assertThat(outcome()).isEqualTo(new RecordSyncSuccess(WRITE, 1, 201, created, MODIFIED, PATIENT, NOW));
        }

        @Test
        void aModifiedDateThatIsNotTextIsLeftOutInsteadOfFailingTheAttempt() {
            Map<String, Object> created = Map.of("id", PATIENT, "modified_date", 1_796_290_275);
            upstream.thenAnswer(200, created);

            assertThat(attempt.run(createPatient())).isTrue();

            assertThat(outcome()).isEqualTo(new RecordSyncSuccess(WRITE, 1, 200, created, null, PATIENT, NOW));
        }

        @Test
        void theRequestIsSentAsItsUserWithTheWriteIdAsIdempotencyKey() {
            upstream.thenAnswer(201, Map.of("id", PATIENT));

            attempt.run(createPatient());

            UpstreamRequest sent = upstream.requests().get(0);
            assertThat(sent.method()).isEqualTo("POST");
            assertThat(sent.path()).isEqualTo("/api/v1/patient/");
            assertThat(sent.bearerToken()).isEqualTo("token-1");
            assertThat(sent.idempotencyKey()).isEqualTo(WRITE);
            assertThat(Json.parse(sent.body())).isEqualTo(Map.of("name", "Asha", "gender", "female"));
        }

        @Test
        void anUpdateAnsweredWithoutAnIdKeepsTheIdOfItsPath() {
            upstream.thenAnswer(200, Map.of("modified_date", MODIFIED));

            attempt.run(updatePatient(Map.of("address", "New"), null, null));

            assertThat(((RecordSyncSuccess) outcome()).realId()).isEqualTo(PATIENT);
        }

        @Test
        void http409IsAConflictWithTheServersData() {
            Map<String, Object> server = Map.of("id", PATIENT, "modified_date", MODIFIED);
            upstream.thenAnswer(409, server);

            attempt.run(createPatient());

            assertThat(outcome()).isEqualTo(new RecordConflict(WRITE, 1, ConflictSource.HTTP_409, server, MODIFIED,
                    null, NOW, null, new UpstreamExchange("POST", "/api/v1/patient/", 409, Json.text(server),
                    Json.text(server).length(), false)));
        }

        @Test
        void http409OnAnUpdateReadsTheRecordAsItIsNow() {
            Map<String, Object> current = Map.of("id", PATIENT, "address", "Changed", "modified_date", MODIFIED);
            upstream.thenAnswer(200, Map.of("id", PATIENT, "modified_date", SEEN))
                    .thenAnswer(409, Map.of("detail", "conflict"))
                    .thenAnswer(200, current);

            attempt.run(updatePatient(Map.of("address", "New"), SEEN, null));

            assertThat(outcome()).isEqualTo(new RecordConflict(WRITE, 1, ConflictSource.HTTP_409, current, MODIFIED,
                    SEEN, NOW, UpstreamExchange.of("GET", "/api/v1/patient/" + PATIENT + "/", 200),
                    new UpstreamExchange("PUT", "/api/v1/patient/" + PATIENT + "/", 409, "{\"detail\":\"conflict\"}",
                            21, false)));
        }

        @Test
        void http400FailsForGoodKeepingCaresErrors() {
            List<Map<String, Object>> errors = List.of(Map.of("type", "missing", "loc", List.of("gender"),
                    "msg", "Field required"));
            upstream.thenAnswer(400, Map.of("errors", errors));

            attempt.run(createPatient());

            UpstreamFailure failure = failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.VALIDATION);
            assertThat(failure.kind().retryable()).isFalse();
            assertThat(failure.httpStatus()).isEqualTo(400);
            assertThat(failure.message()).isEqualTo("HTTP 400: Field required");
            assertThat(failure.errors()).isEqualTo(errors);
        }

        @Test
        void http404FailsForGoodKeepingCaresDetail() {
            upstream.thenAnswer(404, Map.of("detail", "No Patient matches the given query."));

            attempt.run(updatePatient(Map.of("address", "New"), null, null));

            UpstreamFailure failure = failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(failure.kind().retryable()).isFalse();
            assertThat(failure.errors()).containsExactly(Map.of("detail", "No Patient matches the given query."));
        }

        @Test
        void http403ForAnythingButTheTokenFailsForGoodWithoutARefresh() {
            upstream.thenAnswer(403, Map.of("detail", "You do not have permission to perform this action."));

            attempt.run(createPatient());

            UpstreamFailure failure = failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.FORBIDDEN);
            assertThat(failure.kind().retryable()).isFalse();
            assertThat(failure.errors()).containsExactly(
                    Map.of("detail", "You do not have permission to perform this action."));
            assertThat(vault.refusedTokens).isEmpty();
            assertThat(upstream.requests()).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(ints = {429, 500, 502, 503})
        void overloadAndServerErrorsFailToBeRetried(int status) {
            upstream.thenAnswer(status, Map.of("detail", "try later"));

            attempt.run(createPatient());

            UpstreamFailure failure = failure();
            assertThat(failure.kind()).isEqualTo(status == 429 ? FailureKind.RATE_LIMITED : FailureKind.SERVER_ERROR);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(failure.httpStatus()).isEqualTo(status);
        }

        @Test
        void anAnswerThatIsNotJsonStillFailsWithItsStatus() {
            upstream.then(new UpstreamResult.Answered(502, "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));

            attempt.run(createPatient());

            assertThat(failure()).isEqualTo(new UpstreamFailure(FailureKind.SERVER_ERROR, 502, "HTTP 502", List.of()));
        }
    }

    @Nested
    class Tokens {

        @Test
        void aRefusedTokenIsRefreshedOnceAndTheRequestSentAgain() {
            vault.refreshes.add(Optional.of("token-2"));
            upstream.thenAnswer(403, TOKEN_NOT_VALID).thenAnswer(201, Map.of("id", PATIENT));

            attempt.run(createPatient());

            assertThat(vault.refusedTokens).containsExactly("token-1");
            assertThat(upstream.requests()).extracting(UpstreamRequest::bearerToken)
                    .containsExactly("token-1", "token-2");
            assertThat(outcome()).isInstanceOf(RecordSyncSuccess.class);
        }

        @Test
        void whenTheRefreshFailsTheWriteWaitsForItsUserToSignIn() {
            upstream.thenAnswer(403, TOKEN_NOT_VALID);

            attempt.run(createPatient());

            assertThat(vault.refusedTokens).containsExactly("token-1");
            assertThat(upstream.requests()).hasSize(1);
            assertThat(outcome()).isEqualTo(new RecordAuthRejected(WRITE, 1, NOW));
        }

        @Test
        void aRefreshedTokenRefusedAgainIsNotRefreshedASecondTime() {
            vault.refreshes.add(Optional.of("token-2"));
            vault.refreshes.add(Optional.of("token-3"));
            upstream.thenAnswer(403, TOKEN_NOT_VALID).thenAnswer(403, TOKEN_NOT_VALID);

            attempt.run(createPatient());

            assertThat(vault.refusedTokens).containsExactly("token-1");
            assertThat(upstream.requests()).hasSize(2);
            assertThat(outcome()).isEqualTo(new RecordAuthRejected(WRITE, 1, NOW));
        }

        @Test
        void withoutAnyTokenNothingIsAttemptedAndTheWriteWaitsForSignIn() {
            vault.accessToken = Optional.empty();

            assertThat(attempt.run(createPatient())).isFalse();

            assertThat(commands.sent()).containsExactly(new RequireSignIn(WRITE, NOW));
            assertThat(upstream.requests()).isEmpty();
        }
    }

    @Nested
    class LostConnections {

        @Test
        void aRequestThatCouldNotConnectAbortsTheAttemptWithoutAFailure() {
            upstream.then(new UpstreamResult.NotSent("connection refused"));

            assertThat(attempt.run(createPatient())).isTrue();

            assertThat(outcome()).isEqualTo(new AbortAttempt(WRITE, 1, "connection refused", NOW));
            assertThat(commands.sent(RecordSyncFailure.class)).isEmpty();
        }

        @Test
        void aRequestThatCouldNotConnectTellsTheEngineCareIsUnreachable() {
            upstream.then(new UpstreamResult.NotSent("connect timeout"));

            attempt.run(createPatient());

            assertThat(connectivity.isOnline()).isFalse();
            assertThat(connectivity.state()).isEqualTo(ConnectivityMonitor.State.OFFLINE);
        }

        @Test
        void anAnswerLostAfterTheRequestWentOutPutsTheOutcomeInDoubt() {
            upstream.then(new UpstreamResult.Lost("no answer within 15000 ms"));

            attempt.run(createPatient());

            assertThat(outcome()).isEqualTo(new RecordOutcomeInDoubt(WRITE, 1, "no answer within 15000 ms", NOW));
            assertThat(connectivity.isOnline()).isTrue();
        }

        @Test
        void aResetAfterTheRequestWentOutPutsTheOutcomeInDoubt() {
            upstream.then(new UpstreamResult.Lost("Connection reset"));

            attempt.run(createPatient());

            assertThat(outcome()).isEqualTo(new RecordOutcomeInDoubt(WRITE, 1, "Connection reset", NOW));
        }
    }

    @Nested
    class ConflictCheck {

        @Test
        void aRecordChangedSinceTheDeviceSawItIsAConflictAndNothingIsSent() {
            Map<String, Object> current = Map.of("id", PATIENT, "address", "Changed upstream",
                    "modified_date", MODIFIED);
            upstream.thenAnswer(200, current);

            attempt.run(updatePatient(Map.of("address", "Changed offline"), SEEN, null));

            assertThat(outcome()).isEqualTo(new RecordConflict(WRITE, 1, ConflictSource.MODIFIED_DATE_CHANGED, current,
                    MODIFIED, SEEN, NOW, UpstreamExchange.of("GET", "/api/v1/patient/" + PATIENT + "/", 200), null));
            assertThat(upstream.requests()).extracting(UpstreamRequest::method).containsExactly("GET");
        }

        @Test
        void theSameVersionWrittenAnotherWayIsNoConflict() {
            upstream.thenAnswer(200, Map.of("id", PATIENT, "modified_date", "2026-11-20T07:00:00.000001+00:00"))
                    .thenAnswer(200, Map.of("id", PATIENT, "modified_date", MODIFIED));

            attempt.run(updatePatient(Map.of("address", "New"), SEEN, null));

            assertThat(upstream.requests()).extracting(UpstreamRequest::method).containsExactly("GET", "PUT");
            assertThat(outcome()).isInstanceOf(RecordSyncSuccess.class);
        }

        @Test
        void fieldsChangedOnOneSideOnlyAreMergedByCareSyncItself() {
            Map<String, Object> base = Map.of("address", "Old", "phone_number", "+911");
            Map<String, Object> current = Map.of("id", PATIENT, "address", "Old", "phone_number", "+912",
                    "modified_date", MODIFIED);
            upstream.thenAnswer(200, current);

            attempt.run(updatePatient(Map.of("address", "New", "phone_number", "+911"), SEEN, base));

            assertThat(commands.sent(RecordConflict.class)).hasSize(1);
            assertThat(commands.sent(ResolveConflict.class)).singleElement().satisfies(resolution -> {
                assertThat(resolution.actor()).isEqualTo(Actor.ENGINE);
                assertThat(resolution.resolution()).isEqualTo(Resolution.AUTO_MERGED);
                assertThat(resolution.mergedPayload()).isEqualTo(Map.of("address", "New", "phone_number", "+912"));
                assertThat(resolution.autoMergedFields()).containsExactlyInAnyOrder("address", "phone_number");
            });
        }

        @Test
        void aFieldChangedOnBothSidesIsLeftToAPerson() {
            Map<String, Object> base = Map.of("address", "Old");
            upstream.thenAnswer(200, Map.of("id", PATIENT, "address", "Theirs", "modified_date", MODIFIED));

            attempt.run(updatePatient(Map.of("address", "Mine"), SEEN, base));

            assertThat(commands.sent(RecordConflict.class)).hasSize(1);
            assertThat(commands.sent(ResolveConflict.class)).isEmpty();
        }

        @Test
        void aCheckThatCouldNotConnectAbortsTheAttemptAndReportsCareUnreachable() {
            upstream.then(new UpstreamResult.NotSent("connection refused"));

            attempt.run(updatePatient(Map.of("address", "New"), SEEN, null));

            assertThat(outcome()).isEqualTo(new AbortAttempt(WRITE, 1, "connection refused", NOW));
            assertThat(connectivity.isOnline()).isFalse();
        }

        @Test
        void aCheckWhoseAnswerWasLostFailsToBeRetriedSinceAReadChangedNothing() {
            upstream.then(new UpstreamResult.Lost("Connection reset"));

            attempt.run(updatePatient(Map.of("address", "New"), SEEN, null));

            UpstreamFailure failure = failure();
            assertThat(failure.kind()).isEqualTo(FailureKind.NETWORK);
            assertThat(failure.kind().retryable()).isTrue();
            assertThat(upstream.requests()).extracting(UpstreamRequest::method).containsExactly("GET");
        }

        @Test
        void aCheckRefusedForTheTokenWaitsForSignIn() {
            upstream.thenAnswer(403, TOKEN_NOT_VALID);

            attempt.run(updatePatient(Map.of("address", "New"), SEEN, null));

            assertThat(outcome()).isEqualTo(new RecordAuthRejected(WRITE, 1, NOW));
        }
    }

    @Nested
    class NotAttempted {

        @Test
        void aWriteTheAggregateWillNotStartIsLeftAlone() {
            commands.answers = command -> command instanceof BeginSyncAttempt
                    ? WriteRuleViolation.staleRevision(WRITE) : null;

            assertThat(attempt.run(createPatient())).isFalse();

            assertThat(commands.sent()).hasSize(1);
            assertThat(upstream.requests()).isEmpty();
        }

        @Test
        void aWriteWithoutItsPathParameterFailsAsUnroutableWithoutARequest() {
            attempt.run(write("update_patient", "patient:?", Map.of(), null, Map.of("address", "New"), null, null));

            assertThat(failure().kind()).isEqualTo(FailureKind.UNROUTABLE);
            assertThat(upstream.requests()).isEmpty();
        }
    }
}
