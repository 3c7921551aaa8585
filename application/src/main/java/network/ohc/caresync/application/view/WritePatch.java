package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.BlockReason;
import network.ohc.caresync.domain.write.WriteStatus;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The columns one event changes in a write's view row. */
public final class WritePatch {

    public enum Column {
        STATUS, BLOCK_REASON, BLOCKED_BY, BLOCK_DETAIL, ATTEMPT, ATTEMPT_NODE, RETRIES, RETRYABLE, LAST_ERROR, LAST_ATTEMPT_AT,
        NEXT_ATTEMPT_AT, CONFLICT_DATA, CONFLICT_MODIFIED_DATE, RESPONSE, REAL_ID, RESULT_MODIFIED_DATE,
        PATH_PARAMS, QUERY_PARAMS, PAYLOAD, RECORD_KEY, SERVER_TIMESTAMP, REVISION_INCREMENT, ARCHIVED,
        PARENT_MUTATION_IDS
    }

    private final Map<Column, Object> changes = new EnumMap<>(Column.class);

    public static WritePatch status(WriteStatus status) {
        WritePatch patch = new WritePatch();
        patch.changes.put(Column.STATUS, status);
        return patch.unblocked();
    }

    public static WritePatch none() {
        return new WritePatch();
    }

    public WritePatch set(Column column, Object value) {
        changes.put(column, value);
        return this;
    }

    public WritePatch blocked(BlockReason reason, List<String> blockedBy, String detail) {
        changes.put(Column.BLOCK_REASON, reason);
        changes.put(Column.BLOCKED_BY, blockedBy);
        changes.put(Column.BLOCK_DETAIL, detail);
        return this;
    }

    private WritePatch unblocked() {
        return blocked(null, List.of(), null);
    }

    public WritePatch revised() {
        changes.put(Column.REVISION_INCREMENT, 1);
        return this;
    }

    public Map<Column, Object> changes() {
        return Collections.unmodifiableMap(changes);
    }
}
