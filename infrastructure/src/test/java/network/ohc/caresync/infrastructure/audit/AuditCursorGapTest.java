package network.ohc.caresync.infrastructure.audit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.application.audit.AuditEvent;
import network.ohc.caresync.application.audit.AuditFilter;
import network.ohc.caresync.application.audit.AuditPage;
import network.ohc.caresync.infrastructure.axon.EventGaps;
import org.axonframework.common.DateTimeUtils;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditors' cursor never passes an event that commits late: an append takes its global index before it commits,
 * so an event can appear below one already read. Pages and exports stop before such a gap while it may still fill
 * (as long as the dispatcher waits for one), and pass it once it can no longer fill.
 */
class AuditCursorGapTest {

    static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");
    static final Instant LONG_AGO = NOW.minus(Duration.ofMinutes(5));
    static final Instant JUST_NOW = NOW.minusMillis(200);

    static EmbeddedPostgres postgres;
    static DataSource database;

    final MovingClock clock = new MovingClock(NOW);
    JdbcAuditLog log;
    JdbcTemplate jdbc;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("audit-cursor"))
                .setCleanDataDirectory(true).start();
        database = postgres.getPostgresDatabase();
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyStore() {
        jdbc = new JdbcTemplate(database);
        jdbc.execute("TRUNCATE domainevententry");
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(database));
        readOnly.setReadOnly(true);
        log = new JdbcAuditLog(database, readOnly, clock);
    }

    @Test
    void aPageStopsBeforeAnEventStillBeingStoredAndTheNextPageHoldsIt() throws Exception {
        long first = store("w1", 0, LONG_AGO);
        long second = store("w1", 1, LONG_AGO);
        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            long late = insert(slow, "w2", 0, JUST_NOW);
            long after = store("w3", 0, JUST_NOW);
            assertThat(late).isLessThan(after);

            AuditPage page = log.page(all(), 0, 100);
            assertThat(indexes(page.events())).containsExactly(first, second);
            assertThat(page.next()).isEqualTo(second);
            assertThat(exported(0)).containsExactly(first, second);
            // a reader asking again before the event is stored is held at the same place, not moved past it
            assertThat(log.page(all(), page.next(), 100)).isEqualTo(new AuditPage(List.of(), second));

            slow.commit();
            AuditPage next = log.page(all(), page.next(), 100);
            assertThat(indexes(next.events())).containsExactly(late, after);
            assertThat(next.next()).isNull();
        }
    }

    @Test
    void aFullPageBeforeTheGapHandsOutItsLastEventAsTheCursor() throws Exception {
        store("w1", 0, LONG_AGO);
        long second = store("w1", 1, LONG_AGO);
        long third = store("w1", 2, LONG_AGO);
        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, "w2", 0, JUST_NOW);
            store("w3", 0, JUST_NOW);

            assertThat(log.page(all(), 0, 2)).extracting(AuditPage::next).isEqualTo(second);
            AuditPage rest = log.page(all(), second, 2);
            assertThat(indexes(rest.events())).containsExactly(third);
            assertThat(rest.next()).isEqualTo(third);
            // a filter that matches nothing up to the gap still moves the cursor up to it, and no further
            assertThat(log.page(AuditFilter.ofWrite("w3"), 0, 100)).isEqualTo(new AuditPage(List.of(), third));
            slow.rollback();
        }
    }

    @Test
    void aGapThatCanNoLongerFillIsPassed() throws Exception {
        long before = store("w1", 0, LONG_AGO);
        try (Connection rolledBack = database.getConnection()) {
            rolledBack.setAutoCommit(false);
            insert(rolledBack, "w2", 0, JUST_NOW);
            rolledBack.rollback();
        }
        long after = store("w3", 0, JUST_NOW);

        assertThat(indexes(log.page(all(), 0, 100).events())).containsExactly(before);
        clock.advance(EventGaps.WAIT);

        AuditPage page = log.page(all(), 0, 100);
        assertThat(indexes(page.events())).containsExactly(before, after);
        assertThat(page.next()).isNull();
        assertThat(exported(0)).containsExactly(before, after);
    }

    @Test
    void anEventStillBeingStoredAtTheHeadHoldsNothingBack() throws Exception {
        long stored = store("w1", 0, JUST_NOW);
        try (Connection slow = database.getConnection()) {
            slow.setAutoCommit(false);
            insert(slow, "w2", 0, JUST_NOW);

            AuditPage page = log.page(all(), 0, 100);
            assertThat(indexes(page.events())).containsExactly(stored);
            assertThat(page.next()).isNull();
            slow.rollback();
        }
    }

    private static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null, null);
    }

    private List<Long> exported(long after) {
        List<Long> indexes = new ArrayList<>();
        log.stream(all(), after, e -> indexes.add(e.globalIndex()));
        return indexes;
    }

    private static List<Long> indexes(List<AuditEvent> events) {
        return events.stream().map(AuditEvent::globalIndex).toList();
    }

    private long store(String writeId, long sequence, Instant at) throws SQLException {
        try (Connection connection = database.getConnection()) {
            return insert(connection, writeId, sequence, at);
        }
    }

    /** Appends an event as Axon does, and answers the global index it took. */
    private static long insert(Connection connection, String writeId, long sequence, Instant at) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domainevententry (aggregateidentifier,"
                + " sequencenumber, type, eventidentifier, payload, payloadtype, payloadrevision, timestamp, metadata)"
                + " VALUES (?, ?, 'OfflineWrite', ?, ?, 'network.ohc.caresync.domain.write.WriteArchived', '1', ?, ?)"
                + " RETURNING globalindex")) {
            insert.setString(1, writeId);
            insert.setLong(2, sequence);
            insert.setString(3, UUID.randomUUID().toString());
            insert.setBytes(4, ("{\"writeId\":\"" + writeId + "\"}").getBytes());
            insert.setString(5, DateTimeUtils.formatInstant(at));
            insert.setBytes(6, "{}".getBytes());
            try (var rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A clock the test moves on. */
    static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
