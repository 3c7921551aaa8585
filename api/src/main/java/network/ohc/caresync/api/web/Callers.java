package network.ohc.caresync.api.web;

import network.ohc.caresync.api.security.CallerAuthentication;
import network.ohc.caresync.application.auth.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in caller of the current request. */
final class Callers {

    private Callers() {
    }

    static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof CallerAuthentication caller) {
            return caller.getPrincipal();
        }
        throw new IllegalStateException("no signed-in caller");
    }

    static String sessionId() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof CallerAuthentication caller ? caller.sessionId() : null;
    }
}
