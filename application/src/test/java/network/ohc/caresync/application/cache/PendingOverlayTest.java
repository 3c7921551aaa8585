package network.ohc.caresync.application.cache;

import network.ohc.caresync.application.route.Overlay;
import network.ohc.caresync.application.route.PathTemplate;
import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteKind;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.domain.write.WriteStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PendingOverlayTest {

    static final Instant RECEIVED = Instant.parse("2025-10-01T09:14:03.123456Z");
    static final Overlay UPDATES = new Overlay(Set.of("update_encounter"), Overlay.Kind.UPDATE,
            Map.of("id", "pathParams.id"), Map.of(), Map.of());
    static final Overlay CREATES = new Overlay(Set.of("create_encounter"), Overlay.Kind.CREATE,
            Map.of("patient", "payload.patient"), mapOf("facility", null), Map.of("status_history", List.of()));
    static final Route LIST = query("listEncounters", "/api/v1/encounter/", List.of(UPDATES, CREATES));
    static final Route DETAIL = query("getEncounter", "/api/v1/encounter/{id}/", List.of(UPDATES));

    final List<OverlayWrite> writes = new ArrayList<>();
    final PendingOverlay overlay = new PendingOverlay(new RouteTable(List.of(LIST, DETAIL)), new FakeWrites(), null,
            Clock.fixed(RECEIVED, ZoneOffset.UTC));
    final PendingOverlay.Reader asha = new PendingOverlay.Reader("asha", Map.of("id", "asha", "username", "nurse.asha"));

    @Test
    void aPendingCreateJoinsTheFirstPageOfItsListNewestFirstInTheApisShape() {
        writes.add(write("w-1", 1, "create_encounter", WriteStatus.PENDING, null,
                Map.of("patient", "p-1", "facility", "f-1", "status", "planned")));
        writes.add(write("w-2", 2, "create_encounter", WriteStatus.FAILED, null,
                Map.of("patient", "p-1", "facility", "f-1", "status", "in_progress")));
        writes.add(write("w-3", 3, "create_encounter", WriteStatus.PENDING, null, Map.of("patient", "p-2")));
        Map<String, Object> care = Map.of("count", 1, "results", List.of(Map.of("id", "e-1", "status", "completed")));

        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) overlay.apply(asha, LIST, Map.of("patient", "p-1"), care,
                null).orElseThrow();

        assertThat(answer).containsEntry("count", 3L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) answer.get("results");
        assertThat(results).extracting(r -> r.get("id")).containsExactly("w-2", "w-1", "e-1");
        assertThat(results.get(0)).containsEntry("offline_sync_status", "failed")
                .containsEntry("facility", Map.of("id", "f-1")).containsEntry("status_history", List.of())
                .containsEntry("created_date", "2025-10-01T09:14:03.123456Z")
                .containsEntry("created_by", Map.of("id", "asha", "username", "nurse.asha"))
                .containsEntry("is_updated_offline", true).containsEntry("offline_write_id", "w-2");
        assertThat(results.get(2)).doesNotContainKey("is_updated_offline");
    }

    @Test
    void laterPagesAndListsFilteredOtherwiseGetNoPendingCreates() {
        writes.add(write("w-1", 1, "create_encounter", WriteStatus.PENDING, null, Map.of("patient", "p-1")));
        Map<String, Object> care = Map.of("count", 20, "results", List.of());

        assertThat(overlay.apply(asha, LIST, Map.of("patient", "p-1", "offset", "14"), care, null)).isEmpty();
        assertThat(overlay.apply(asha, LIST, Map.of("facility", "f-1"), care, null)).isEmpty();
    }

    @Test
    void updatesApplyInTheOrderTheyWereMadeAndTheRecordShowsTheStatusAPersonMustSeeFirst() {
        writes.add(write("u-1", 1, "update_encounter", WriteStatus.CONFLICT, Map.of("id", "e-1"),
                Map.of("status", "on_hold", "priority", "urgent")));
        writes.add(write("u-2", 2, "update_encounter", WriteStatus.PENDING, Map.of("id", "e-1"),
                Map.of("status", "completed")));
        writes.add(write("u-3", 3, "update_encounter", WriteStatus.PENDING, Map.of("id", "e-2"),
                Map.of("status", "cancelled")));
        Map<String, Object> care = Map.of("id", "e-1", "status", "in_progress", "priority", "routine",
                "modified_date", "2025-10-01T08:00:00.000000Z");

        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) overlay.apply(asha, DETAIL, Map.of("id", "e-1"), care,
                null).orElseThrow();

        assertThat(record).containsEntry("status", "completed").containsEntry("priority", "urgent")
                .containsEntry("modified_date", "2025-10-01T08:00:00.000000Z")
                .containsEntry("offline_write_ids", List.of("u-1", "u-2"))
                .containsEntry("offline_sync_status", "conflict");
    }

    @Test
    void aStoredCopyOlderThanASyncedUpdateShowsCaresAnswerToIt() {
        Map<String, Object> synced = Map.of("id", "e-1", "status", "completed",
                "modified_date", "2025-10-01T10:00:00.000000Z");
        writes.add(new OverlayWrite("u-1", 1, "update_encounter", WriteStatus.SUCCESS, Map.of("id", "e-1"), null,
                Map.of("status", "completed"), RECEIVED, "e-1", synced, RECEIVED));
        Map<String, Object> stored = Map.of("id", "e-1", "status", "in_progress",
                "modified_date", "2025-10-01T08:00:00.000000Z");

        assertThat(overlay.apply(asha, DETAIL, Map.of("id", "e-1"), stored, RECEIVED.minusSeconds(60)))
                .contains(synced);
    }

    static OverlayWrite write(String id, long seq, String route, WriteStatus status, Map<String, Object> pathParams,
                              Map<String, Object> payload) {
        return new OverlayWrite(id, seq, route, status, pathParams, null, payload, RECEIVED, null, null, RECEIVED);
    }

    static Route query(String key, String path, List<Overlay> overlays) {
        return new Route(key, "GET", PathTemplate.of(path), RouteKind.QUERY, "encounter", null, null, true, null,
                null, null, null, overlays);
    }

    static Map<String, String> mapOf(String key, String value) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(key, value);
        return map;
    }

    /** The user's writes, as the write views would give them. */
    final class FakeWrites implements OverlayWrites {
        @Override
        public List<OverlayWrite> of(String userId, Collection<String> routes, Instant syncedAfter) {
            return writes.stream().filter(w -> routes.contains(w.syncRouteKey()))
                    .filter(w -> w.isUnsynced() || syncedAfter != null && w.updatedAt().isAfter(syncedAfter))
                    .toList();
        }

        @Override
        public List<OverlayWrite> byIds(String userId, Collection<String> ids) {
            return writes.stream().filter(w -> ids.contains(w.writeId())).toList();
        }
    }
}
