package network.ohc.caresync.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.common.IdentifierFactory;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Gives each request an id (echoed as X-Request-Id) and records who is behind the commands it dispatches. */
public class CommandCauseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = IdentifierFactory.getInstance().generateIdentifier();
        response.setHeader("X-Request-Id", requestId);
        MDC.put("requestId", requestId);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            CommandCause.set(caller.getPrincipal(), requestId);
        }
        try {
            chain.doFilter(request, response);
        } finally {
            CommandCause.clear();
            MDC.remove("requestId");
        }
    }
}
