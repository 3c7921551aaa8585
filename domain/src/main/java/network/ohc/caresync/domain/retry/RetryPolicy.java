package network.ohc.caresync.domain.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When a failed attempt is tried again: {@code base × 2^(failures−1)}, spread by a jitter so that many writes
 * failing together do not return together, capped, and no more than {@code maxAttempts} attempts in all.
 */
public final class RetryPolicy {

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final double jitter;
    private final DoubleSupplier random;

    public RetryPolicy(Duration base, Duration cap, int maxAttempts, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("retry base must be positive");
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry cap must be at least the base");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random);
    }

    public RetryPolicy(Duration base, Duration cap, int maxAttempts, double jitter) {
        this(base, cap, maxAttempts, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** The delay before the next attempt after {@code failures} failed attempts, or empty when none is left. */
    public Optional<Duration> delayAfter(int failures) {
        if (failures < 1 || failures >= maxAttempts) {
            return Optional.empty();
        }
        double exponential = base.toMillis() * Math.pow(2, Math.min(failures - 1, 40));
        double capped = Math.min(exponential, cap.toMillis());
        double spread = capped * (1 - jitter + 2 * jitter * random.getAsDouble());
        return Optional.of(Duration.ofMillis(Math.round(Math.min(spread, cap.toMillis()))));
    }

    public Optional<Instant> nextAttemptAfter(int failures, Instant failedAt) {
        return delayAfter(failures).map(failedAt::plus);
    }
}
