package network.ohc.caresync.simulator;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code care-simulator.*}.
 *
 * @param accessTokenLifetime  how long an access token is accepted (CARE: 10 minutes)
 * @param refreshTokenLifetime how long a refresh token is accepted (CARE: 30 minutes)
 * @param jwtSecret            signing secret; empty means a random one per start, so tokens never survive a restart
 * @param users                the accounts that can sign in; empty means the demo users
 */
@ConfigurationProperties("care-simulator")
public record SimulatorProperties(
        @DefaultValue("PT10M") Duration accessTokenLifetime,
        @DefaultValue("PT30M") Duration refreshTokenLifetime,
        String jwtSecret,
        List<ConfiguredUser> users) {

    public SimulatorProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** One account from {@code care-simulator.users[n].*}; {@code id} is optional. */
    public record ConfiguredUser(UUID id, String username, String password, String firstName, String lastName,
                                 String userType) {
    }
}
