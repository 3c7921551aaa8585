package network.ohc.caresync.domain.retry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void delaysDoubleUpToTheCapAndStopAfterTheLastAttempt() {
        RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(10), 5, 0);

        assertThat(policy.delayAfter(1)).contains(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(2)).contains(Duration.ofSeconds(4));
        assertThat(policy.delayAfter(3)).contains(Duration.ofSeconds(8));
        assertThat(policy.delayAfter(4)).contains(Duration.ofSeconds(10));
        assertThat(policy.delayAfter(5)).isEmpty();
    }

    @Test
    void jitterSpreadsDelaysAroundTheExponentialValueWithinTheCap() {
        RetryPolicy low = new RetryPolicy(Duration.ofSeconds(4), Duration.ofSeconds(60), 5, 0.25, () -> 0.0);
        RetryPolicy high = new RetryPolicy(Duration.ofSeconds(4), Duration.ofSeconds(60), 5, 0.25, () -> 0.999999);
        RetryPolicy capped = new RetryPolicy(Duration.ofSeconds(4), Duration.ofSeconds(5), 5, 0.25, () -> 0.999999);

        assertThat(low.delayAfter(1)).contains(Duration.ofSeconds(3));
        assertThat(high.delayAfter(1)).contains(Duration.ofSeconds(5));
        assertThat(capped.delayAfter(2)).contains(Duration.ofSeconds(5));
    }

    @Test
    void refusesNonsenseSettings() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
