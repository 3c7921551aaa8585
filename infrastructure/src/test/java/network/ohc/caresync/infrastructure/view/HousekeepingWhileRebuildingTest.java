package network.ohc.caresync.infrastructure.view;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.application.view.WritePatch;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.application.view.WriteViewProjection;
import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.infrastructure.axon.AxonConfiguration;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the write views are rebuilt, their rows pass through states the writes left long ago; the dispatcher's
 * housekeeping must not find them, or it would ask CARE again what became of attempts settled long ago.
 */
class HousekeepingWhileRebuildingTest {

    static final Instant T0 = Instant.parse("2026-11-25T08:00:00Z");
    static final Set<Integer> EVERY_PARTITION = Set.of(0);

    static EmbeddedPostgres postgres;
    static DataSource database;

    JdbcWriteViewStore views;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("housekeeping"))
                .setCleanDataDirectory(true).start();
        database = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void aWriteInDoubtAndOneWaitingForSignIn() {
        new JdbcTemplate(database).execute("TRUNCATE write_view, tokenentry");
        views = new JdbcWriteViewStore(new NamedParameterJdbcTemplate(database));
        views.insert(view("w-in-doubt", 1), 0);
        views.apply("w-in-doubt", 1, WritePatch.status(WriteStatus.IN_DOUBT), T0);
        views.insert(view("w-blocked", 2), 0);
        views.apply("w-blocked", 1, WritePatch.status(WriteStatus.BLOCKED)
                .blocked(BlockReason.AUTH_REQUIRED, List.of(), "sign in again"), T0);
    }

    @Test
    void liveViewsShowTheirWritesToHousekeeping() {
        tokens(GapAwareTrackingToken.newInstance(2, List.of()));

        assertThat(views.findByStatus(EVERY_PARTITION, WriteStatus.IN_DOUBT, 10)).extracting(WriteView::writeId)
                .containsExactly("w-in-doubt");
        assertThat(views.findBlocked(EVERY_PARTITION, BlockReason.AUTH_REQUIRED, 10)).extracting(WriteView::writeId)
                .containsExactly("w-blocked");
    }

    @Test
    void viewsBeingRebuiltShowHousekeepingNothing() {
        tokens(ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(2, List.of())));

        assertThat(views.findByStatus(EVERY_PARTITION, WriteStatus.IN_DOUBT, 10)).isEmpty();
        assertThat(views.findBlocked(EVERY_PARTITION, BlockReason.AUTH_REQUIRED, 10)).isEmpty();
    }

    @Test
    void viewsWhoseReplayReachedTheResetPointShowTheirWrites() {
        // Axon keeps a replay token until an event after the reset point arrives; the replay is over before that
        TrackingToken caughtUp = ((ReplayToken) ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(2, List.of())))
                .advancedTo(GapAwareTrackingToken.newInstance(2, List.of()));
        assertThat(caughtUp).isInstanceOf(ReplayToken.class);
        tokens(caughtUp);

        assertThat(views.findByStatus(EVERY_PARTITION, WriteStatus.IN_DOUBT, 10)).extracting(WriteView::writeId)
                .containsExactly("w-in-doubt");
        assertThat(views.findBlocked(EVERY_PARTITION, BlockReason.AUTH_REQUIRED, 10)).extracting(WriteView::writeId)
                .containsExactly("w-blocked");
        views.insert(view("w-pending", 0), 0);
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of(), 10)).extracting(WriteView::writeId).containsExactly("w-pending");
    }

    @Test
    void viewsHalfWayThroughTheirReplayShowHousekeepingNothing() {
        tokens(((ReplayToken) ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(2, List.of())))
                .advancedTo(GapAwareTrackingToken.newInstance(1, List.of())));

        assertThat(views.findByStatus(EVERY_PARTITION, WriteStatus.IN_DOUBT, 10)).isEmpty();
        assertThat(views.findBlocked(EVERY_PARTITION, BlockReason.AUTH_REQUIRED, 10)).isEmpty();
        views.insert(view("w-pending", 0), 0);
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of(), 10)).isEmpty();
    }

    /** Not about rebuilding: the dispatcher reads ready writes a page at a time, without their large columns. */
    @Test
    void readyWritesComeInPagesWithoutTheirLargeColumns() {
        tokens(GapAwareTrackingToken.newInstance(10, List.of()));
        views.insert(view("w-a", 3), 0);
        views.insert(view("w-b", 4), 0);
        views.insert(view("w-c", 5), 0);

        List<WriteView> first = views.findReady(EVERY_PARTITION, -1, Map.of(), 2);
        assertThat(first).extracting(WriteView::writeId).containsExactly("w-a", "w-b");
        assertThat(first).allSatisfy(write -> assertThat(write.payload()).isNull());
        assertThat(views.findReady(EVERY_PARTITION, first.get(1).seq(), Map.of(), 2)).extracting(WriteView::writeId)
                .containsExactly("w-c");
        assertThat(views.find("w-a").orElseThrow().payload()).containsEntry("name", "A");
    }

    /**
     * Not about rebuilding: a write the reader names is left out while its attempt number is below the one named
     * (its attempt still running, or finished before the views show it); the rows leave the lists out too.
     */
    @Test
    void readyWritesLeaveOutThoseTheReaderPassesOver() {
        tokens(GapAwareTrackingToken.newInstance(10, List.of()));
        views.insert(view("w-a", 3), 0);
        views.insert(view("w-b", 4), 0);
        views.insert(new WriteView("w-c", 5, "u1", null, "create_encounter", "create", "encounter", "encounter:w-c",
                0, Map.of(), null, Map.of("patient", "w-a"), null, List.of("w-a"), null,
                null, null, T0, WriteStatus.PENDING, null, List.of(), null, 1, "node-a", 0, null, null, T0, null,
                null, null, null, null, null, 0, false, T0), 0);

        // a view is stored as created, before any attempt (attempt 0): left out below 1, not at 0
        assertThat(views.find("w-a").orElseThrow().attempt()).isZero();
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of("w-a", Integer.MAX_VALUE, "w-c", 1), 10))
                .extracting(WriteView::writeId).containsExactly("w-b");
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of("w-a", 0, "w-c", 1), 10))
                .extracting(WriteView::writeId).containsExactly("w-a", "w-b");
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of(), 10)).extracting(WriteView::writeId)
                .containsExactly("w-a", "w-b", "w-c");
        assertThat(views.findReady(EVERY_PARTITION, 4, Map.of(), 10).get(0).parentMutationIds()).isEmpty();
        assertThat(views.find("w-c").orElseThrow().parentMutationIds()).containsExactly("w-a");
        assertThat(JdbcWriteViewStore.passOverJson(Map.of("w-\"a\\", 2))).isEqualTo("{\"w-\\\"a\\\\\":2}");
        assertThat(views.findReady(EVERY_PARTITION, -1, Map.of("w-\"a\\", 2, "w-b", 1), 10))
                .extracting(WriteView::writeId).containsExactly("w-a", "w-c");
    }

    /**
     * Not about rebuilding: a change tells whose write it changed when it applied (the projection tells listeners so,
     * without reading the row again), and nothing when its event is not newer than the row or the write is unknown.
     */
    @Test
    void aChangeNamesTheUserOnlyWhenItApplies() {
        List<String> told = new java.util.ArrayList<>();
        views.apply("w-in-doubt", 2, WritePatch.status(WriteStatus.PENDING), T0, user -> told.add("applied by " + user));
        views.apply("w-in-doubt", 2, WritePatch.status(WriteStatus.FAILED), T0, user -> told.add("same event again"));
        views.apply("w-in-doubt", 1, WritePatch.status(WriteStatus.FAILED), T0, user -> told.add("older event"));
        views.apply("w-unknown", 5, WritePatch.status(WriteStatus.FAILED), T0, user -> told.add("unknown write"));

        assertThat(told).containsExactly("applied by u1");
        assertThat(views.find("w-in-doubt").orElseThrow().status()).isEqualTo(WriteStatus.PENDING);
    }

    /** The write views' tokens as Axon stores them. */
    private static void tokens(TrackingToken token) {
        ConnectionProvider connections = database::getConnection;
        JdbcTokenStore store = JdbcTokenStore.builder().connectionProvider(connections)
                .serializer(new AxonConfiguration().serializer()).build();
        store.initializeTokenSegments(WriteViewProjection.PROCESSING_GROUP, 1, token);
    }

    private static WriteView view(String writeId, long seq) {
        return new WriteView(writeId, seq, "u1", null, "create_patient", "create", "patient", "patient:" + writeId,
                0, Map.of(), null, Map.of("name", "A"), null, List.of(), null,
                null, null, T0, WriteStatus.PENDING, null, List.of(), null, 1, "node-a", 0, null, null, T0, null,
                null, null, null, null, null, 0, false, T0);
    }
}
