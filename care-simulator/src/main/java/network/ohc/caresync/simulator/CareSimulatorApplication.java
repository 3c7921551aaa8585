package network.ohc.caresync.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** An in-memory stand-in for the CARE backend, with switches for the failures care-sync must survive. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareSimulatorApplication {

    public static void main(String[] args) {
        SpringApplication.run(CareSimulatorApplication.class, args);
    }
}
