package network.ohc.caresync.infrastructure.audit;

import network.ohc.caresync.application.audit.ChainBreak;
import network.ohc.caresync.application.audit.ChainReport;
import network.ohc.caresync.application.audit.EventChain;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the stored events write by write, in sequence order (the store's unique index, so the walk streams with
 * constant memory however large the store), recomputes each seal from the stored bytes and the stored seal of the
 * event before it, and reports where a chain breaks: an altered event, a missing one, one without a seal.
 * <p>
 * Events stored before sealing began (an installation older than tamper evidence) are counted, not checked. Removing
 * a write's last events, or a whole write, leaves no break in a per-write chain; a global anchor would be needed.
 */
public class JdbcEventChain implements EventChain {

    static final int MAX_REPORTED = 1000;
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventSeal seal;

    public JdbcEventChain(DataSource dataSource, TransactionTemplate transactions, EventSeal seal) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = transactions;
        this.seal = seal;
    }

    @Override
    public ChainReport verify(String writeId) {
        Walk walk = new Walk();
        // PostgreSQL streams a result only inside a transaction
        transactions.executeWithoutResult(status -> {
            Long sealedFrom = jdbc.query("SELECT min(sealed_from) FROM audit_seal",
                    rs -> rs.next() ? (Long) rs.getObject(1) : null);
            walk.sealedFrom = sealedFrom == null ? 0 : sealedFrom;
            String sql = "SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, payloadtype, "
                    + "payloadrevision, timestamp, payload, metadata FROM domainevententry"
                    + (writeId == null ? "" : " WHERE aggregateidentifier = ?")
                    + " ORDER BY aggregateidentifier, sequencenumber";
            if (writeId == null) {
                jdbc.query(sql, rs -> {
                    walk.check(row(rs));
                });
            } else {
                jdbc.query(sql, rs -> {
                    walk.check(row(rs));
                }, writeId);
            }
        });
        return new ChainReport(walk.checked, walk.unsealed, walk.breakCount, List.copyOf(walk.breaks));
    }

    static StoredEvent row(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("globalindex"), rs.getString("eventidentifier"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("type"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getString("timestamp"),
                rs.getBytes("payload"), rs.getBytes("metadata"));
    }

    private final class Walk {
        long sealedFrom;
        long checked;
        long unsealed;
        long breakCount;
        final List<ChainBreak> breaks = new ArrayList<>();
        private String aggregate;
        private long expectedSequence;
        private String previous;

        void check(StoredEvent event) {
            if (!event.aggregateId().equals(aggregate)) {
                aggregate = event.aggregateId();
                expectedSequence = 0;
                previous = EventSeal.GENESIS;
            }
            checked++;
            List<String> problems = new ArrayList<>();
            if (event.sequence() > expectedSequence) {
                long missing = event.sequence() - expectedSequence;
                problems.add(missing == 1 ? "event " + expectedSequence + " of this write is missing"
                        : "events " + expectedSequence + ".." + (event.sequence() - 1) + " of this write are missing");
            }
            String stored;
            try {
                stored = EventSeal.sealOf(event.metadata());
            } catch (RuntimeException notJson) {
                stored = null;
            }
            if (stored == null) {
                if (event.globalIndex() < sealedFrom) {
                    unsealed++;
                } else {
                    problems.add("the event carries no seal");
                }
            } else {
                String expected;
                try {
                    expected = seal.seal(previous, event);
                } catch (IllegalArgumentException | UncheckedIOException notJson) {
                    expected = null;
                }
                if (expected == null) {
                    problems.add("its payload or metadata is not valid JSON");
                } else if (!expected.equals(stored)) {
                    problems.add(problems.isEmpty() ? "the seal does not match: the event was altered"
                            + (event.sequence() > 0 ? " (or the seal of the one before it)" : "")
                            : "the seal does not match");
                }
            }
            if (!problems.isEmpty()) {
                breakCount++;
                if (breaks.size() < MAX_REPORTED) {
                    breaks.add(new ChainBreak(event.aggregateId(), event.sequence(), event.globalIndex(),
                            String.join("; ", problems)));
                }
            }
            previous = stored == null ? EventSeal.GENESIS : stored;
            expectedSequence = event.sequence() + 1;
        }
    }
}
