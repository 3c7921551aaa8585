package network.ohc.caresync.infrastructure.axon.upcasting;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The upcasters of care-sync's events, one bean each: Axon's Spring Boot support puts every {@code EventUpcaster}
 * bean into the chain the event store reads with. A new revision of an event adds its upcaster here.
 */
@Configuration(proxyBeanMethods = false)
public class EventUpcasters {

    @Bean
    public SyncAttemptedUpcaster syncAttemptedUpcaster() {
        return new SyncAttemptedUpcaster();
    }

    @Bean
    public DependencyResolvedUpcaster dependencyResolvedUpcaster() {
        return new DependencyResolvedUpcaster();
    }
}
