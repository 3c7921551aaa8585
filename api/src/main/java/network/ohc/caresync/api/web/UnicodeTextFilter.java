package network.ohc.caresync.api.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.api.web.transparent.CareRefusals;
import network.ohc.caresync.api.web.transparent.TransparentProperties;
import network.ohc.caresync.application.json.StorableText;
import network.ohc.caresync.application.write.FieldError;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Query parameters (names and values) that cannot be stored are refused with 400 naming the parameter. CARE's paths
 * (the transparent mode) are left to the transparent mode, which refuses them in CARE's shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class UnicodeTextFilter extends OncePerRequestFilter {

    private final TransparentProperties transparent;

    public UnicodeTextFilter(ObjectProvider<TransparentProperties> transparent) {
        this.transparent = transparent.getIfAvailable();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !query.isEmpty() && !forCare(request)) {
            // read from the query string itself: the parameter map would also consume a form body
            for (String pair : query.split("&")) {
                String name = decoded(pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair);
                String value = pair.contains("=") ? decoded(pair.substring(pair.indexOf('=') + 1)) : "";
                if (!StorableText.isStorable(name) || !StorableText.isStorable(value)) {
                    String shown = StorableText.printable(name);
                    Problems.write(response, Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST,
                                    "invalid-request", "Bad Request", shown + ": " + StorableText.PROBLEM),
                            List.of(new FieldError(shown, StorableText.PROBLEM))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private boolean forCare(HttpServletRequest request) {
        return CareRefusals.forCare(transparent, request);
    }

    /** Decoded as a form parameter is; text that does not decode is left to Spring to refuse. */
    private static String decoded(String text) {
        try {
            return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notEncodedWell) {
            return "";
        }
    }
}
