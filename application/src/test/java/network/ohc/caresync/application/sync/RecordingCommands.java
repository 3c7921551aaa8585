package network.ohc.caresync.application.sync;

import network.ohc.caresync.domain.write.BeginSyncAttempt;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.common.Registration;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A command gateway that keeps what it was sent, in order. A {@link BeginSyncAttempt} is answered with attempt
 * number 1 (the aggregate's answer for a write never attempted); anything else with what {@link #answers} says.
 */
final class RecordingCommands implements CommandGateway {

    private final List<Object> sent = new ArrayList<>();
    /** The result of a command, or an exception to throw. */
    Function<Object, Object> answers = command -> command instanceof BeginSyncAttempt ? 1 : null;

    synchronized List<Object> sent() {
        return List.copyOf(sent);
    }

    /** The commands of one type, in the order they were sent. */
    synchronized <T> List<T> sent(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(Object command) {
        synchronized (this) {
            sent.add(command);
        }
        Object answer = answers.apply(command);
        if (answer instanceof RuntimeException refused) {
            throw refused;
        }
        return (R) answer;
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        try {
            return CompletableFuture.completedFuture(sendAndWait(command));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        CommandMessage<C> message = GenericCommandMessage.asCommandMessage(command);
        try {
            callback.onResult(message, GenericCommandResultMessage.asCommandResultMessage((R) sendAndWait(command)));
        } catch (RuntimeException e) {
            callback.onResult(message, GenericCommandResultMessage.asCommandResultMessage(e));
        }
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        throw new UnsupportedOperationException("not needed by the engine");
    }
}
