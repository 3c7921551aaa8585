package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.view.WriteView;

import java.util.List;

/**
 * The {@code modified_date} a write expects upstream. A device that edits a record twice while offline bases both
 * edits on the version it saw; once care-sync has sent the first, the record's date is the one CARE gave back to
 * that first write, and the second must not be flagged as a conflict for it. Only the same user's own synced
 * writes move the expectation on; anyone else's change is a conflict.
 */
final class ExpectedVersion {

    private ExpectedVersion() {
    }

    static String of(WriteView write, List<WriteView> ownSyncedToSameRecord) {
        String expected = write.serverTimestamp();
        for (WriteView earlier : ownSyncedToSameRecord) {
            if (earlier.seq() >= write.seq() || earlier.resultModifiedDate() == null) {
                continue;
            }
            if (earlier.serverTimestamp() == null || Timestamps.same(earlier.serverTimestamp(), expected)) {
                expected = earlier.resultModifiedDate();
            }
        }
        return expected;
    }
}
