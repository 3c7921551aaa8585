package network.ohc.caresync.simulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** An in-memory stand-in for the CARE backend, with switches for the failures care-sync must survive. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CareSimulatorApplication {

    public static void main(String[] args) {
        // Reactor Netty waits 2 s of quiet before its event loops stop; scripts that start and stop
        // the simulator between runs should not pay that.
        if (System.getProperty("reactor.netty.ioShutdownQuietPeriod") == null) {
            System.setProperty("reactor.netty.ioShutdownQuietPeriod", "0");
        }
        SpringApplication.run(CareSimulatorApplication.class, args);
    }
}
