package network.ohc.caresync.simulator.store;

import java.util.List;

/** One page of a list and the number of matches over all pages (CARE's {@code count}). */
public record Page<T>(int count, List<T> items) {
}
