package network.ohc.caresync.application.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes that reached CARE per bucket: {@code counts.get(n)} covers
 * {@code [from + n × bucket, from + (n+1) × bucket)}.
 */
public record Throughput(Instant from, Duration bucket, List<Long> counts) {

    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
