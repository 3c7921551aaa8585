package network.ohc.caresync.api;

import network.ohc.caresync.infrastructure.config.CareSyncProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** care-sync: keeps a facility's CARE writes safe while the internet is down and replays them when it is back. */
@SpringBootApplication(scanBasePackages = {"network.ohc.caresync.api", "network.ohc.caresync.infrastructure"})
@EnableConfigurationProperties(CareSyncProperties.class)
public class CareSyncApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareSyncApplication.class, args);
    }
}
