package network.ohc.caresync.simulator.facility;

import java.util.UUID;

/** A CARE organization; patients name a {@code govt} one as their {@code geo_organization}. */
public record Organization(UUID id, String name, String orgType) {
}
