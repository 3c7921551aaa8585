package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.view.WriteView;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedVersionTest {

    static WriteView write(long seq, String serverTimestamp, String result) {
        return new WriteView("w" + seq, seq, "u", null, "update_patient", "update", "patient", "patient:p", 0, null,
                null, null, null, List.of(), 0L, serverTimestamp, "getPatient", Instant.EPOCH, WriteStatus.SUCCESS,
                null, List.of(), null, 1, null, 0, null, null, null, null, null, null, null, "p", result, 0, false,
                Instant.EPOCH);
    }

    @Test
    void withoutEarlierWritesTheVersionTheDeviceSawIsExpected() {
        assertThat(ExpectedVersion.of(write(5, "2025-01-01T00:00:00.000001Z", null), List.of()))
                .isEqualTo("2025-01-01T00:00:00.000001Z");
    }

    @Test
    void theUsersOwnEarlierEditsOfTheSameVersionMoveTheExpectationOn() {
        String seen = "2025-01-01T00:00:00.000001Z";
        List<WriteView> earlier = List.of(write(1, seen, "2025-01-01T00:00:01.000001Z"),
                write(2, "2025-01-01T00:00:00.000001+00:00", "2025-01-01T00:00:02.000001Z"));

        assertThat(ExpectedVersion.of(write(3, seen, null), earlier)).isEqualTo("2025-01-01T00:00:02.000001Z");
    }

    @Test
    void anEarlierEditBasedOnAnotherVersionDoesNotHideAConflict() {
        String seen = "2025-01-01T00:00:00.000001Z";
        List<WriteView> earlier = List.of(write(1, "2024-12-31T00:00:00.000001Z", "2025-01-01T00:00:09.000001Z"));

        assertThat(ExpectedVersion.of(write(3, seen, null), earlier)).isEqualTo(seen);
    }

    @Test
    void laterWritesDoNotCount() {
        String seen = "2025-01-01T00:00:00.000001Z";
        List<WriteView> later = List.of(write(9, seen, "2025-01-01T00:00:09.000001Z"));

        assertThat(ExpectedVersion.of(write(3, seen, null), later)).isEqualTo(seen);
    }
}
