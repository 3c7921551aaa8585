package network.ohc.caresync.simulator.encounter;

import java.time.Instant;

/** One entry of an encounter's {@code status_history} (or {@code encounter_class_history}). */
public record StatusMove(String status, Instant movedAt) {
}
