package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.WriteStatus;

import java.util.Set;

/** A user's writes (everyone's when {@code userId} is null), filtered and paged. */
public record FindWritesQuery(String userId, Set<WriteStatus> statuses, String resourceType, int page, int size) {
}
