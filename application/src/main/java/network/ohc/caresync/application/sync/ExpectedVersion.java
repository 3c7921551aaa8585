package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.view.WriteView;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code modified_date} a write expects upstream. A device that edits a record several times while offline
 * bases every edit on the version it saw; once care-sync has sent the earlier edits, the record carries the date
 * CARE gave the last of them, and the later edits must not be flagged as conflicts with the user's own changes.
 * The expectation moves on only through the same user's synced writes that were themselves based on a version in
 * that chain; anyone else's change is a conflict.
 */
final class ExpectedVersion {

    private ExpectedVersion() {
    }

    static String of(WriteView write, List<WriteView> ownSyncedToSameRecord) {
        List<String> chain = new ArrayList<>();
        chain.add(write.serverTimestamp());
        String expected = write.serverTimestamp();
        for (WriteView earlier : ownSyncedToSameRecord) {
            if (earlier.seq() >= write.seq() || earlier.resultModifiedDate() == null) {
                continue;
            }
            if (earlier.serverTimestamp() == null
                    || chain.stream().anyMatch(version -> Timestamps.same(version, earlier.serverTimestamp()))) {
                chain.add(earlier.resultModifiedDate());
                expected = earlier.resultModifiedDate();
            }
        }
        return expected;
    }
}
