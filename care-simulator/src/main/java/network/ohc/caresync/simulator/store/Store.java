package network.ohc.caresync.simulator.store;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Owns every {@link Table} and the one lock that guards them.
 *
 * <p>A single read/write lock keeps the model simple and gives batches real all-or-nothing
 * semantics: reads run in parallel, and a write (a whole batch included) sees and changes a
 * consistent state. Each change takes microseconds, so hundreds of concurrent clients are fine.
 */
@Component
public class Store {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<Table<?>> tables = new CopyOnWriteArrayList<>();

    public <T> Table<T> newTable(Function<T, UUID> idOf, Function<T, String> kindOf,
                                 Map<String, Function<T, String>> indexKeys) {
        Table<T> table = new Table<>(idOf, kindOf, indexKeys);
        tables.add(table);
        return table;
    }

    public <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code work} under the write lock. Its changes are kept unless it called
     * {@link Transaction#setRollbackOnly()} or threw, in which case all of them are undone.
     */
    public <T> T write(Function<Transaction, T> work) {
        lock.writeLock().lock();
        Transaction tx = new Transaction();
        try {
            T result = work.apply(tx);
            if (tx.isRollbackOnly()) {
                tx.rollbackAll();
            }
            return result;
        } catch (RuntimeException | Error e) {
            tx.rollbackAll();
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Forgets every record (the test control {@code POST /__sim/reset}). */
    public void clear(Runnable alsoUnderLock) {
        lock.writeLock().lock();
        try {
            tables.forEach(Table::clear);
            alsoUnderLock.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
