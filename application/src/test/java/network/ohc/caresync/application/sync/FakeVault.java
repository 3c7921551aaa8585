package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.auth.CareTokenVault;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A token vault holding one access token per test, refreshing from a script and keeping each refused token. */
final class FakeVault implements CareTokenVault {

    Optional<String> accessToken = Optional.of("token-1");
    final Deque<Optional<String>> refreshes = new ArrayDeque<>();
    final List<String> refusedTokens = new ArrayList<>();
    /** Runs before a token is handed out (a test holds an attempt there to keep it in flight). */
    volatile Consumer<String> beforeToken = userId -> { };

    @Override
    public Optional<String> accessTokenFor(String userId) {
        beforeToken.accept(userId);
        return accessToken;
    }

    @Override
    public synchronized Optional<String> refreshAfterRejection(String userId, String rejectedToken) {
        refusedTokens.add(rejectedToken);
        return refreshes.isEmpty() ? Optional.empty() : refreshes.removeFirst();
    }

    @Override
    public boolean needsSignIn(String userId) {
        return accessToken.isEmpty();
    }
}
