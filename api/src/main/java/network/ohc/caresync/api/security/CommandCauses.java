package network.ohc.caresync.api.security;

import network.ohc.caresync.application.auth.Caller;

import java.util.function.Supplier;

/**
 * For requests whose caller is known only once the request is looked at (the transparent CARE API mode, where a CARE
 * token names the user): the commands dispatched while {@code work} runs are caused by that caller.
 */
public final class CommandCauses {

    private CommandCauses() {
    }

    public static <T> T as(Caller caller, String requestId, Supplier<T> work) {
        CommandCause.Cause earlier = CommandCause.current();
        CommandCause.set(caller, requestId);
        try {
            return work.get();
        } finally {
            if (earlier == null) {
                CommandCause.clear();
            } else {
                CommandCause.set(earlier.caller(), earlier.requestId());
            }
        }
    }
}
