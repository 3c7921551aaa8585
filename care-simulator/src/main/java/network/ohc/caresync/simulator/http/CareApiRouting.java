package network.ohc.caresync.simulator.http;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Sends everything under {@code /api/} to the CARE handler; {@code /__sim/} has its own controllers. */
@Configuration
class CareApiRouting {

    @Bean
    RouterFunction<ServerResponse> careApi(CareApiHandler handler) {
        return RouterFunctions.route(RequestPredicates.path("/api/**"), handler);
    }
}
