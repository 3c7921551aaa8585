package network.ohc.caresync.infrastructure.db;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The changes a projection makes while its event processor handles a batch of events, sent to PostgreSQL together
 * just before the batch commits, in the batch's transaction: statements of the same text go as one JDBC batch (one
 * round trip) instead of one round trip each. An event processor handles its events one after the other on one
 * thread, each handler waiting for PostgreSQL and PostgreSQL for the next statement, so a rebuild of the views was
 * a chain of some five round trips per event, each side idle while the other worked (found by the benchmark
 * harness).
 * <p>
 * Order: each change names an order key. Changes with the same key keep their order; changes with different keys
 * must not depend on one another (they may run in any order). The write views use the write's id as key: a write's
 * row is inserted before it is changed, and its changes apply in the order of its events. So the changes are sent in
 * rounds, the n-th round holding the n-th change of each key, each round's changes grouped by statement text.
 * <p>
 * Outside a unit of work (or in one already committing), there is no batch: the caller makes its change at once.
 * A unit of work that rolls back takes its batch with it, unsent. A reader that must see its own unit of work's
 * changes (a projection reading a row it has just changed) calls {@link #flushCurrent()} first.
 */
public final class BatchedChanges {

    private static final String RESOURCE = BatchedChanges.class.getName();

    private final NamedParameterJdbcTemplate jdbc;
    private List<Change> pending = new ArrayList<>();

    private BatchedChanges(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The batch of the current unit of work, begun at the first change and sent before the unit of work commits; or
     * null when there is none to join (no unit of work, or one already committing): then change at once.
     */
    public static BatchedChanges current(NamedParameterJdbcTemplate jdbc) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (unitOfWork.phase() != UnitOfWork.Phase.STARTED) {
            BatchedChanges begun = unitOfWork.getResource(RESOURCE);
            if (begun != null) {
                begun.flush();
            }
            return null;
        }
        return unitOfWork.getOrComputeResource(RESOURCE, key -> {
            BatchedChanges changes = new BatchedChanges(jdbc);
            unitOfWork.onPrepareCommit(uow -> changes.flush());
            return changes;
        });
    }

    /** Sends the current unit of work's changes not yet sent, if any: before a read that must see them. */
    public static void flushCurrent() {
        if (CurrentUnitOfWork.isStarted()) {
            BatchedChanges changes = CurrentUnitOfWork.get().root().getResource(RESOURCE);
            if (changes != null) {
                changes.flush();
            }
        }
    }

    /** A change whose outcome nobody needs to know. */
    public void add(String orderKey, String sql, SqlParameterSource params) {
        pending.add(new Change(Objects.requireNonNull(orderKey), sql, params, null));
    }

    /**
     * A change that tells, when it has been applied (changed a row), one column of that row. The statement's text
     * must not itself return anything; {@code returning} names the key column that tells the rows of one round apart
     * (unique among the round's changes of this text, as their order keys are) and the column wanted.
     */
    public void add(String orderKey, String sql, SqlParameterSource params, Returning returning) {
        pending.add(new Change(Objects.requireNonNull(orderKey), sql, params, Objects.requireNonNull(returning)));
    }

    /** How many changes wait to be sent. */
    public int size() {
        return pending.size();
    }

    /** Sends every change not yet sent: in rounds (see the class), each statement text of a round as one batch. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Change> changes = pending;
        pending = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<Map<String, List<Change>>> rounds = new ArrayList<>();
        for (Change change : changes) {
            int round = seen.merge(change.orderKey(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new LinkedHashMap<>());
            }
            rounds.get(round).computeIfAbsent(change.sql(), sql -> new ArrayList<>()).add(change);
        }
        for (Map<String, List<Change>> round : rounds) {
            for (List<Change> sameText : round.values()) {
                send(sameText);
            }
        }
    }

    private void send(List<Change> sameText) {
        String sql = sameText.get(0).sql();
        SqlParameterSource[] params = sameText.stream().map(Change::params).toArray(SqlParameterSource[]::new);
        Returning returning = sameText.get(0).returning();
        if (returning == null) {
            if (params.length == 1) {
                jdbc.update(sql, params[0]);
            } else {
                jdbc.batchUpdate(sql, params);
            }
            return;
        }
        KeyHolder rows = new GeneratedKeyHolder();
        jdbc.batchUpdate(sql, params, rows, new String[]{returning.keyColumn(), returning.column()});
        Map<Object, Consumer<Object>> byKey = new HashMap<>();
        for (Change change : sameText) {
            byKey.put(change.returning().key(), change.returning().applied());
        }
        for (Map<String, Object> row : rows.getKeyList()) {
            Consumer<Object> applied = byKey.get(row.get(returning.keyColumn()));
            if (applied != null) {
                applied.accept(row.get(returning.column()));
            }
        }
    }

    /**
     * What a change returns when applied: {@code column} of the row whose {@code keyColumn} is {@code key}, given to
     * {@code applied}.
     */
    public record Returning(String keyColumn, Object key, String column, Consumer<Object> applied) {
    }

    private record Change(String orderKey, String sql, SqlParameterSource params, Returning returning) {
    }
}
