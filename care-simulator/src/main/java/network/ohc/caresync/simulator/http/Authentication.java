package network.ohc.caresync.simulator.http;

import network.ohc.caresync.simulator.user.User;

/** Turns an {@code Authorization} header into a user, or throws the CARE 403 answer. */
public interface Authentication {

    User authenticate(String authorizationHeader);
}
