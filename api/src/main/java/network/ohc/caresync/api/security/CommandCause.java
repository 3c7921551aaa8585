package network.ohc.caresync.api.security;

import network.ohc.caresync.application.auth.Caller;

/**
 * Who causes the commands dispatched on the current thread: the signed-in caller of a request, with its device and
 * request id. Threads of the engine have none, and their commands are marked as the engine's.
 */
public final class CommandCause {

    private static final ThreadLocal<Cause> CURRENT = new ThreadLocal<>();

    record Cause(Caller caller, String requestId) {
    }

    private CommandCause() {
    }

    static void set(Caller caller, String requestId) {
        CURRENT.set(new Cause(caller, requestId));
    }

    static void clear() {
        CURRENT.remove();
    }

    static Cause current() {
        return CURRENT.get();
    }
}
