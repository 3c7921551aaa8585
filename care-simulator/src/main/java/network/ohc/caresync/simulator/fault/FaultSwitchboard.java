package network.ohc.caresync.simulator.fault;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** The fault settings in force; each request takes one snapshot so that its decisions agree. */
@Component
public class FaultSwitchboard {

    private final AtomicReference<FaultSettings> settings = new AtomicReference<>(FaultSettings.NONE);

    public FaultSettings current() {
        return settings.get();
    }

    public FaultSettings update(JsonNode changes) {
        return settings.updateAndGet(current -> current.with(changes));
    }

    public void reset() {
        settings.set(FaultSettings.NONE);
    }

    /** True for a share {@code rate} of calls. */
    public static boolean roll(double rate) {
        return rate > 0 && (rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate);
    }
}
