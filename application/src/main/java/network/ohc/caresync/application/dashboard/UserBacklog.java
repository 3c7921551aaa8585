package network.ohc.caresync.application.dashboard;

import network.ohc.caresync.domain.write.WriteStatus;

import java.util.Map;

/** One user's unfinished writes per status; {@code username} is null for a user who never signed in here. */
public record UserBacklog(String userId, String username, Map<WriteStatus, Long> counts) {

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
