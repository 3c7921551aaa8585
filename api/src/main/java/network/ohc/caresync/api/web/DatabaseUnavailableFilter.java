package network.ohc.caresync.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * A request that fails before any controller because the database is unreachable (the session check of every
 * signed-in call reads it) gets the same 503 problem detail as one that fails inside; without this it escaped the
 * filters as a bare 500 (found by the reliability suite's database outage).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class DatabaseUnavailableFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (RuntimeException | ServletException e) {
            if (!DatabaseTrouble.isDatabaseDown(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("database unavailable: {}", e.getClass().getSimpleName());
            response.resetBuffer();
            Problems.write(response, ProblemHandler.databaseDownProblem());
        }
    }
}
