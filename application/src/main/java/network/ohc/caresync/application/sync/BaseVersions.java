package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.view.WriteView;

import java.util.Map;
import java.util.Optional;

/**
 * Port: the version of a record a device edited, for a three-way merge: the {@code basePayload} the device sent,
 * or the copy in the query cache taken at the write's {@code serverTimestamp}.
 */
@FunctionalInterface
public interface BaseVersions {

    Optional<Map<String, Object>> baseOf(WriteView write);

    /** Uses only what the device sent. */
    static BaseVersions fromDevice() {
        return write -> Optional.ofNullable(write.basePayload());
    }
}
