package network.ohc.caresync.infrastructure.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import network.ohc.caresync.application.view.WritePatch;
import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.domain.write.WriteStatus;
import network.ohc.caresync.infrastructure.audit.JdbcAuditIndex;
import network.ohc.caresync.infrastructure.view.JdbcWriteViewStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write views' and the auditors' index's changes made in an event processor's unit of work go to PostgreSQL
 * together before it commits, a statement text of a round as one batch, each write's changes in their order.
 */
class BatchedChangesTest {

    static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    static EmbeddedPostgres postgres;
    static DataSource database;

    final AtomicInteger statementsPrepared = new AtomicInteger();
    JdbcTemplate sql;
    JdbcWriteViewStore views;
    JdbcAuditIndex index;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("batched-changes"))
                .setCleanDataDirectory(true).start();
        // as care-sync's pools: a batch of inserts goes as multi-row inserts
        database = postgres.getDatabase("postgres", "postgres",
                Map.of(EmbeddedPostgresConfiguration.REWRITE_BATCHED_INSERTS, "true"));
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @BeforeEach
    void emptyTables() {
        sql = new JdbcTemplate(database);
        sql.execute("TRUNCATE write_view, audit_write_index, audit_write_resource");
        DataSource counting = new DelegatingDataSource(database) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = super.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                        (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")) {
                                statementsPrepared.incrementAndGet();
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
        views = new JdbcWriteViewStore(new NamedParameterJdbcTemplate(counting));
        index = new JdbcAuditIndex(new JdbcTemplate(counting));
    }

    @Test
    void aUnitOfWorksChangesGoTogetherBeforeItCommitsEachWritesInItsOrder() {
        List<String> told = new ArrayList<>();
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a batch of events"));
        views.insert(view("w-a", 1), 0);
        index.written("w-a", "u1", "d1");
        index.mentions("w-a", Set.of("patient/w-a", "facility/f1"));
        views.insert(view("w-b", 2), 0);
        index.written("w-b", "u1", "d1");
        views.apply("w-a", 1, WritePatch.status(WriteStatus.IN_FLIGHT).set(WritePatch.Column.ATTEMPT, 1), T0,
                user -> told.add("w-a in flight, " + user));
        views.apply("w-b", 1, WritePatch.status(WriteStatus.IN_FLIGHT).set(WritePatch.Column.ATTEMPT, 1), T0,
                user -> told.add("w-b in flight, " + user));
        views.apply("w-a", 2, WritePatch.status(WriteStatus.SUCCESS).set(WritePatch.Column.REAL_ID, "r-a"), T0,
                user -> told.add("w-a synced, " + user));
        // an event delivered again: not newer than the row once the batch is sent, so not applied
        views.apply("w-a", 2, WritePatch.status(WriteStatus.FAILED), T0, user -> told.add("w-a failed, " + user));

        assertThat(statementsPrepared).hasValue(0);
        assertThat(sql.queryForObject("SELECT count(*) FROM write_view", Long.class)).isZero();
        unitOfWork.commit();

        // 10 changes in 4 rounds: the inserts (3 texts); each row's first change; w-a's second; its third
        assertThat(statementsPrepared).hasValue(6);
        assertThat(told).containsExactly("w-a in flight, u1", "w-b in flight, u1", "w-a synced, u1");
        assertThat(views.find("w-a").orElseThrow()).satisfies(a -> {
            assertThat(a.status()).isEqualTo(WriteStatus.SUCCESS);
            assertThat(a.attempt()).isEqualTo(1);
            assertThat(a.realId()).isEqualTo("r-a");
        });
        assertThat(views.find("w-b").orElseThrow().status()).isEqualTo(WriteStatus.IN_FLIGHT);
        assertThat(sql.queryForList("SELECT resource FROM audit_write_resource ORDER BY resource", String.class))
                .containsExactly("facility/f1", "patient/w-a");
        assertThat(sql.queryForObject("SELECT count(*) FROM audit_write_index", Long.class)).isEqualTo(2);
    }

    @Test
    void aReadInTheUnitOfWorkSeesItsOwnChanges() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a batch of events"));
        views.insert(view("w-a", 1), 0);
        views.apply("w-a", 1, WritePatch.status(WriteStatus.BLOCKED), T0);

        assertThat(views.find("w-a")).map(WriteView::status).contains(WriteStatus.BLOCKED);
        views.apply("w-a", 2, WritePatch.status(WriteStatus.PENDING), T0);
        unitOfWork.commit();

        assertThat(views.find("w-a")).map(WriteView::status).contains(WriteStatus.PENDING);
    }

    @Test
    void aUnitOfWorkRolledBackSendsNothing() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>("a batch of events"));
        views.insert(view("w-a", 1), 0);
        index.written("w-a", "u1", "d1");
        unitOfWork.rollback();

        assertThat(statementsPrepared).hasValue(0);
        assertThat(views.find("w-a")).isEmpty();
        assertThat(sql.queryForObject("SELECT count(*) FROM audit_write_index", Long.class)).isZero();
    }

    @Test
    void outsideAUnitOfWorkAChangeIsMadeAtOnce() {
        List<String> told = new ArrayList<>();
        views.insert(view("w-a", 1), 0);
        assertThat(sql.queryForObject("SELECT count(*) FROM write_view", Long.class)).isEqualTo(1);

        views.apply("w-a", 1, WritePatch.status(WriteStatus.IN_FLIGHT), T0, user -> told.add("applied, " + user));
        views.apply("w-a", 1, WritePatch.status(WriteStatus.FAILED), T0, user -> told.add("again, " + user));

        assertThat(told).containsExactly("applied, u1");
        assertThat(views.find("w-a")).map(WriteView::status).contains(WriteStatus.IN_FLIGHT);
    }

    private static WriteView view(String writeId, long seq) {
        return new WriteView(writeId, seq, "u1", "d1", "create_patient", "create", "patient", "patient:" + writeId,
                0, Map.of(), null, Map.of("name", "A"), null, List.of(), null,
                null, null, T0, WriteStatus.PENDING, null, List.of(), null, 0, null, 0, null, null, null, null,
                null, null, null, null, null, 0, false, T0);
    }
}
