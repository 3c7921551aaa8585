package network.ohc.caresync.domain.conflict;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ThreeWayMergeTest {

    static final Map<String, Object> BASE = Map.of("name", "Asha", "phone_number", "+911111111111",
            "address", "Old street", "blood_group", "unknown");

    @Test
    void fieldsChangedOnOneSideOnlyMergeByThemselves() {
        Map<String, Object> mine = Map.of("name", "Asha", "phone_number", "+912222222222", "address", "Old street");
        Map<String, Object> theirs = Map.of("name", "Asha", "phone_number", "+911111111111", "address", "New street",
                "blood_group", "unknown", "modified_date", "x");

        var outcome = ThreeWayMerge.merge(BASE, mine, theirs, Set.of());

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.mergedPayload()).containsEntry("phone_number", "+912222222222")
                .containsEntry("address", "New street").containsEntry("name", "Asha");
        assertThat(outcome.changedByDevice()).containsExactly("phone_number");
        assertThat(outcome.changedUpstream()).containsExactly("address");
    }

    @Test
    void aFieldChangedOnBothSidesDifferentlyGoesToAPerson() {
        var outcome = ThreeWayMerge.merge(BASE, Map.of("address", "Mine"), Map.of("address", "Theirs"), Set.of());

        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.conflicting()).containsExactly("address");
    }

    @Test
    void bothSidesMakingTheSameChangeIsNoConflict() {
        var outcome = ThreeWayMerge.merge(BASE, Map.of("address", "Same"), Map.of("address", "Same"), Set.of());

        assertThat(outcome.clean()).isTrue();
    }

    @Test
    void aFieldMarkedForAPersonNeverMergesByItself() {
        var outcome = ThreeWayMerge.merge(Map.of("allergy", "none"), Map.of("allergy", "penicillin"),
                Map.of("allergy", "penicillin"), Set.of("allergy"));

        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.conflicting()).containsExactly("allergy");
    }

    @Test
    void aFieldMarkedForAPersonThatOnlyTheDeviceChangedStillGoesToAPerson() {
        Map<String, Object> mine = Map.of("blood_group", "O_positive", "phone_number", "+912222222222");
        Map<String, Object> theirs = Map.of("blood_group", "unknown", "phone_number", "+911111111111",
                "address", "New street");

        var outcome = ThreeWayMerge.merge(BASE, mine, theirs, Set.of("blood_group"));

        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.conflicting()).containsExactly("blood_group");
        assertThat(outcome.changedByDevice()).containsExactly("phone_number");
    }

    @Test
    void aFieldMarkedForAPersonThatTheDeviceLeftAloneDoesNotHoldTheMergeBack() {
        Map<String, Object> mine = Map.of("blood_group", "unknown", "phone_number", "+912222222222");
        Map<String, Object> theirs = Map.of("blood_group", "A_positive", "phone_number", "+911111111111");

        var outcome = ThreeWayMerge.merge(BASE, mine, theirs, Set.of("blood_group"));

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.changedUpstream()).containsExactly("blood_group");
        assertThat(outcome.mergedPayload()).containsEntry("blood_group", "A_positive")
                .containsEntry("phone_number", "+912222222222");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(ThreeWayMerge.jsonEquals(5, 5L)).isTrue();
        assertThat(ThreeWayMerge.jsonEquals(5, 5.0)).isTrue();
        assertThat(ThreeWayMerge.jsonEquals(Map.of("a", 1), Map.of("a", 1L))).isTrue();
        assertThat(ThreeWayMerge.jsonEquals(5, "5")).isFalse();
    }

    @Test
    void aReferenceAnsweredAsAnObjectEqualsTheIdADeviceSends() {
        Map<String, Object> organization = Map.of("id", "org-1", "name", "Demo District", "org_type", "govt");
        assertThat(ThreeWayMerge.jsonEquals(organization, "org-1")).isTrue();
        assertThat(ThreeWayMerge.jsonEquals("org-1", organization)).isTrue();
        assertThat(ThreeWayMerge.jsonEquals(organization, "org-2")).isFalse();
        assertThat(ThreeWayMerge.jsonEquals(Map.of("name", "no id"), "org-1")).isFalse();
        assertThat(ThreeWayMerge.jsonEquals(organization, Map.of("id", "org-1"))).isFalse();
    }

    @Test
    void aReferenceTheDeviceKeptIsNotADeviceChangeAndStaysAnIdInTheMergedPayload() {
        Map<String, Object> organization = Map.of("id", "org-1", "name", "Demo District");
        Map<String, Object> base = Map.of("geo_organization", organization, "address", "Old street",
                "phone_number", "+911111111111");
        Map<String, Object> mine = Map.of("geo_organization", "org-1", "address", "Old street",
                "phone_number", "+912222222222");
        Map<String, Object> theirs = Map.of("geo_organization", organization, "address", "New street",
                "phone_number", "+911111111111");

        var outcome = ThreeWayMerge.merge(base, mine, theirs, Set.of());

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.changedByDevice()).containsExactly("phone_number");
        assertThat(outcome.changedUpstream()).containsExactly("address");
        assertThat(outcome.mergedPayload()).containsEntry("geo_organization", "org-1")
                .containsEntry("address", "New street").containsEntry("phone_number", "+912222222222");
    }

    @Test
    void aReferenceChangedUpstreamOnlyTakesTheNewIdInTheDevicesForm() {
        Map<String, Object> base = Map.of("geo_organization", Map.of("id", "org-1", "name", "Old"));
        Map<String, Object> theirs = Map.of("geo_organization", Map.of("id", "org-2", "name", "New"));

        var outcome = ThreeWayMerge.merge(base, Map.of("geo_organization", "org-1"), theirs, Set.of());

        assertThat(outcome.clean()).isTrue();
        assertThat(outcome.changedUpstream()).containsExactly("geo_organization");
        assertThat(outcome.mergedPayload()).containsEntry("geo_organization", "org-2");
    }

    @Test
    void aReferenceChangedToDifferentIdsOnBothSidesGoesToAPerson() {
        Map<String, Object> base = Map.of("geo_organization", Map.of("id", "org-1"));
        Map<String, Object> theirs = Map.of("geo_organization", Map.of("id", "org-2"));

        var outcome = ThreeWayMerge.merge(base, Map.of("geo_organization", "org-3"), theirs, Set.of());

        assertThat(outcome.clean()).isFalse();
        assertThat(outcome.conflicting()).containsExactly("geo_organization");
    }
}
