package network.ohc.caresync.simulator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreTest {

    record Item(UUID id, String phone) {
    }

    private final Store store = new Store();
    private final Table<Item> items = store.newTable(Item::id, i -> "item", Map.of("phone", Item::phone));

    @Test
    void aRolledBackTransactionLeavesNoTraceInRowsOrIndexes() {
        Item kept = new Item(UUID.randomUUID(), "+911");
        store.write(tx -> {
            items.insert(tx, kept);
            return null;
        });

        store.write(tx -> {
            items.insert(tx, new Item(UUID.randomUUID(), "+911"));
            items.replace(tx, new Item(kept.id(), "+922"));
            tx.setRollbackOnly();
            return null;
        });

        assertThat(items.size()).isEqualTo(1);
        assertThat(items.get(kept.id())).contains(kept);
        assertThat(items.findByIndex("phone", "+911")).containsExactly(kept);
        assertThat(items.findByIndex("phone", "+922")).isEmpty();
    }

    @Test
    void aSavepointUndoesOnlyWhatCameAfterIt() {
        Item first = new Item(UUID.randomUUID(), "+911");
        store.write(tx -> {
            items.insert(tx, first);
            Transaction.Savepoint savepoint = tx.savepoint();
            items.insert(tx, new Item(UUID.randomUUID(), "+922"));
            tx.rollbackTo(savepoint);
            assertThat(tx.createdKinds()).containsExactly("item");
            return null;
        });

        assertThat(items.all()).containsExactly(first);
    }

    @Test
    void anExceptionRollsBack() {
        assertThatThrownBy(() -> store.write(tx -> {
            items.insert(tx, new Item(UUID.randomUUID(), "+911"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(items.size()).isZero();
    }

    @Test
    void aHundredThousandRecordsStayFastToFilterByIndex() {
        store.write(tx -> {
            for (int i = 0; i < 100_000; i++) {
                items.insert(tx, new Item(UUID.randomUUID(), "+91" + (i % 50_000)));
            }
            return null;
        });

        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            assertThat(items.listByIndex("phone", "+91" + i, x -> true, 0, 14).count()).isEqualTo(2);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(items.list(x -> true, 99_990, 200).items()).hasSize(10);
    }

    @Test
    void recordTimestampsNeverRepeatEvenAcrossThreads() throws Exception {
        RecordClock clock = new RecordClock();
        List<Instant> stamps = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    stamps.add(clock.next());
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(stamps).hasSize(40_000).doesNotHaveDuplicates();
        assertThat(RecordClock.format(Instant.parse("2025-10-01T09:14:03.123456789Z")))
                .isEqualTo("2025-10-01T09:14:03.123456Z");
    }
}
