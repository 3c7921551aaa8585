package network.ohc.caresync.simulator.user;

import java.util.UUID;

/** A CARE user as the API shows it; {@code userType} is CARE's role word (nurse, doctor, administrator, ...). */
public record User(UUID id, String username, String firstName, String lastName, String userType) {
}
