package network.ohc.caresync.simulator.facility;

import java.util.UUID;

/** A CARE facility (a hospital or clinic). */
public record Facility(UUID id, String name, String facilityType) {
}
