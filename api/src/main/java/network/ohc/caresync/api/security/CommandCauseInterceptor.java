package network.ohc.caresync.api.security;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Puts who caused a command into its metadata; Axon copies it into every event the command causes. */
public class CommandCauseInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    private final String nodeId;

    public CommandCauseInterceptor(String nodeId) {
        this.nodeId = nodeId;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> cause = new HashMap<>();
            CommandCause.Cause current = CommandCause.current();
            if (current != null) {
                cause.put("actor", current.caller().userId());
                cause.put("actorRole", current.caller().isAdmin() ? "admin" : "user");
                if (current.caller().deviceId() != null) {
                    cause.put("deviceId", current.caller().deviceId());
                }
                cause.put("requestId", current.requestId());
            } else {
                cause.put("actor", "care-sync");
                cause.put("actorRole", "engine");
            }
            cause.put("node", nodeId);
            return command.andMetaData(cause);
        };
    }
}
