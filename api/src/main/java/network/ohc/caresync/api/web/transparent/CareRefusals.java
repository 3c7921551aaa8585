package network.ohc.caresync.api.web.transparent;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.application.transparent.CareAnswer;

import java.io.IOException;

/**
 * Refusals of requests for CARE's paths made before the transparent mode sees them (by Tomcat, by Spring Security's
 * firewall), in CARE's shape: the CARE web app reads {@code application/json} and shows its {@code detail}, where a
 * problem detail ({@code application/problem+json}) would reach the nurse as "something went wrong".
 */
public final class CareRefusals {

    private CareRefusals() {
    }

    /** Whether the request is for CARE's API; {@code transparent} is null when the transparent mode is off. */
    public static boolean forCare(TransparentProperties transparent, HttpServletRequest request) {
        if (transparent == null || !transparent.isEnabled()) {
            return false;
        }
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        if (uri == null) {
            return false;
        }
        String relative = context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return transparent.carePath(relative, request.getLocalPort()) != null;
    }

    /** {@code {"detail": ...}} with the status, as CARE (Django REST Framework) refuses a request. */
    public static void write(HttpServletResponse response, int status, String detail) throws IOException {
        write(response, CareAnswer.detail(status, detail));
    }

    static void write(HttpServletResponse response, CareAnswer answer) throws IOException {
        response.setStatus(answer.status());
        response.setContentType("application/json");
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
