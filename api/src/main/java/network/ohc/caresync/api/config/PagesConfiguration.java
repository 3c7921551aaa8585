package network.ohc.caresync.api.config;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;

/**
 * The pages care-sync serves itself (static files under {@code static/}, no build step): {@code /sync-status} and
 * {@code /dashboard} without {@code .html}, and a content security policy that lets them load nothing from
 * anywhere but care-sync — a facility has no internet, and a page that tried would hang or break.
 */
@Configuration(proxyBeanMethods = false)
public class PagesConfiguration implements WebMvcConfigurer {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/sync-status").setViewName("forward:/sync-status.html");
        registry.addViewController("/dashboard").setViewName("forward:/dashboard.html");
        registry.addRedirectViewController("/", "/sync-status");
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> pagesContentSecurityPolicy() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                        chain.doFilter(request, response);
                    }
                });
        registration.addUrlPatterns("/", "/sync-status", "/dashboard", "/sync-status.html", "/dashboard.html");
        return registration;
    }
}
