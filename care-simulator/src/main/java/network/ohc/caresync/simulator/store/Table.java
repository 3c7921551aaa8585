package network.ohc.caresync.simulator.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Records of one or more kinds, addressed by id, with secondary indexes (e.g. phone number to
 * patients) so that filtered lists over 100k records stay fast.
 *
 * <p>Records are immutable values; an update replaces the value. Not thread-safe by itself: every
 * call happens under the {@link Store}'s lock (reads under the read lock, changes under the write
 * lock inside a {@link Transaction}).
 */
public final class Table<T> {

    private final Function<T, UUID> idOf;
    private final Function<T, String> kindOf;
    private final Map<UUID, Row<T>> rows = new HashMap<>();
    /** Creation order; rows are only appended, and a rollback only removes from the end. */
    private final List<Row<T>> order = new ArrayList<>();
    private final Map<String, Index<T>> indexes = new LinkedHashMap<>();

    Table(Function<T, UUID> idOf, Function<T, String> kindOf, Map<String, Function<T, String>> indexKeys) {
        this.idOf = idOf;
        this.kindOf = kindOf;
        indexKeys.forEach((name, key) -> indexes.put(name, new Index<>(key)));
    }

    public Optional<T> get(UUID id) {
        Row<T> row = rows.get(id);
        return row == null ? Optional.empty() : Optional.of(row.value);
    }

    public int size() {
        return order.size();
    }

    public void insert(Transaction tx, T value) {
        UUID id = idOf.apply(value);
        if (rows.containsKey(id)) {
            throw new IllegalStateException("duplicate id " + id);
        }
        Row<T> row = new Row<>(value, order.size());
        rows.put(id, row);
        order.add(row);
        indexes.values().forEach(index -> index.add(row, value));
        tx.created(kindOf.apply(value));
        tx.onUndo(() -> {
            indexes.values().forEach(index -> index.remove(row, row.value));
            order.remove(order.size() - 1);
            rows.remove(id);
        });
    }

    public void replace(Transaction tx, T value) {
        Row<T> row = rows.get(idOf.apply(value));
        if (row == null) {
            throw new IllegalStateException("no record " + idOf.apply(value));
        }
        T previous = row.value;
        swap(row, previous, value);
        tx.updated(kindOf.apply(value));
        tx.onUndo(() -> swap(row, value, previous));
    }

    private void swap(Row<T> row, T from, T to) {
        indexes.values().forEach(index -> index.remove(row, from));
        row.value = to;
        indexes.values().forEach(index -> index.add(row, to));
    }

    /** Newest first, like CARE's default ordering; scans every record. */
    public Page<T> list(Predicate<T> filter, int offset, int limit) {
        List<T> items = new ArrayList<>();
        int count = 0;
        for (int i = order.size() - 1; i >= 0; i--) {
            T value = order.get(i).value;
            if (filter.test(value)) {
                if (count >= offset && items.size() < limit) {
                    items.add(value);
                }
                count++;
            }
        }
        return new Page<>(count, items);
    }

    /** Newest first among the records whose index key equals {@code key}. */
    public Page<T> listByIndex(String index, String key, Predicate<T> filter, int offset, int limit) {
        List<T> matches = findByIndex(index, key).stream().filter(filter).toList();
        int from = Math.min(offset, matches.size());
        int to = Math.min(matches.size(), from + limit);
        return new Page<>(matches.size(), matches.subList(from, to));
    }

    /** All records whose index key equals {@code key}, newest first. */
    public List<T> findByIndex(String index, String key) {
        Index<T> idx = indexes.get(index);
        if (idx == null) {
            throw new IllegalArgumentException("no index " + index);
        }
        return idx.rows(key).stream()
                .sorted(Comparator.comparingInt((Row<T> row) -> row.position).reversed())
                .map(row -> row.value)
                .toList();
    }

    /** Every record, oldest first. */
    public List<T> all() {
        return order.stream().map(row -> row.value).toList();
    }

    void clear() {
        rows.clear();
        order.clear();
        indexes.values().forEach(Index::clear);
    }

    private static final class Row<T> {
        private T value;
        private final int position;

        private Row(T value, int position) {
            this.value = value;
            this.position = position;
        }
    }

    private static final class Index<T> {
        private final Function<T, String> keyOf;
        private final Map<String, Set<Row<T>>> rowsByKey = new HashMap<>();

        private Index(Function<T, String> keyOf) {
            this.keyOf = keyOf;
        }

        void add(Row<T> row, T value) {
            String key = keyOf.apply(value);
            if (key != null) {
                rowsByKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(row);
            }
        }

        void remove(Row<T> row, T value) {
            String key = keyOf.apply(value);
            if (key == null) {
                return;
            }
            Set<Row<T>> set = rowsByKey.get(key);
            if (set != null) {
                set.remove(row);
                if (set.isEmpty()) {
                    rowsByKey.remove(key);
                }
            }
        }

        Set<Row<T>> rows(String key) {
            return rowsByKey.getOrDefault(key, Set.of());
        }

        void clear() {
            rowsByKey.clear();
        }
    }
}
