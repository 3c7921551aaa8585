package network.ohc.caresync.application.view;

import network.ohc.caresync.domain.write.WriteStatus;

/** Told after a write's view row changed and the change is committed (live pages, the dispatcher). */
@FunctionalInterface
public interface WriteViewListener {

    void changed(String writeId, String userId, WriteStatus status);
}
