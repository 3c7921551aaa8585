package network.ohc.caresync.api.config;

import network.ohc.caresync.api.web.ProblemErrorReportValve;
import network.ohc.caresync.api.web.transparent.CareRefusals;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import network.ohc.caresync.api.web.Problems;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Requests refused before any controller still get a problem detail: those Spring Security's firewall refuses (an
 * encoded semicolon, say) and those Tomcat refuses itself (an encoded slash or NUL). Both answered without one
 * before (found by the reliability suite's hostile input). On CARE's paths (the transparent mode) both answer in
 * CARE's shape, which the CARE web app can show.
 */
@Configuration(proxyBeanMethods = false)
public class RequestRejectionWiring {

    @Bean
    public RequestRejectedHandler requestRejectedHandler(ObjectProvider<TransparentProperties> transparent) {
        return (request, response, rejection) -> {
            if (CareRefusals.forCare(transparent.getIfAvailable(), request)) {
                CareRefusals.write(response, 400, "Bad request: its path or headers are not allowed");
                return;
            }
            Problems.write(response, Problems.of(HttpStatus.BAD_REQUEST,
                    "bad-request", "Bad Request", "the request was refused: its path or headers are not allowed"));
        };
    }

    /** Puts care-sync's error report in place of Tomcat's HTML one, on the host of the embedded server. */
    @Bean
    public ApplicationListener<ServletWebServerInitializedEvent> problemErrorReports(
            ObjectProvider<TransparentProperties> transparent) {
        return event -> {
            if (event.getWebServer() instanceof TomcatWebServer tomcat) {
                var pipeline = tomcat.getTomcat().getHost().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve && !(valve instanceof ProblemErrorReportValve)) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve(transparent.getIfAvailable()));
            }
        };
    }
}
