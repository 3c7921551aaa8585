package network.ohc.caresync.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import network.ohc.caresync.api.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/** Missing, bad and expired session tokens (401) and missing roles (403), as problem details. */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = String.valueOf(e.getMessage()).toLowerCase();
        String detail;
        String type;
        if (message.contains("expired")) {
            type = "session-expired";
            detail = "your care-sync session has expired; sign in again at POST /api/v1/auth/login";
        } else if (message.contains("session has ended")) {
            type = "session-ended";
            detail = "this session has ended (signed out); sign in again at POST /api/v1/auth/login";
        } else if (request.getHeader("Authorization") == null) {
            type = "unauthenticated";
            detail = "sign in first (POST /api/v1/auth/login) and send the token as 'Authorization: Bearer <token>'";
        } else {
            type = "invalid-token";
            detail = "the session token is not valid; sign in again at POST /api/v1/auth/login";
        }
        response.setHeader("WWW-Authenticate", "Bearer");
        Problems.write(response, Problems.of(HttpStatus.UNAUTHORIZED, type, "Unauthorized", detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                "your role does not allow this; auditors and administrators are named in care-sync's configuration"));
    }
}
