package network.ohc.caresync.domain.dependency;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemporaryIdPlacesTest {

    @Test
    void aPlaceCoversItsValueAndEverythingInsideIt() {
        TemporaryIdPlaces places = new TemporaryIdPlaces(List.of("pathParams.id", "payload.requests[].url",
                "payload.requests[].body"));

        assertThat(places.covers("pathParams.id")).isTrue();
        assertThat(places.covers("payload.requests[3].url")).isTrue();
        assertThat(places.covers("payload.requests[0].body.datapoints[2].encounter")).isTrue();
        assertThat(places.covers("pathParams.identifier")).isFalse();
        assertThat(places.covers("payload.requests[0].reference_id")).isFalse();
        assertThat(places.covers("queryParams.id")).isFalse();
    }

    @Test
    void noPlacesMeansAnywhere() {
        assertThat(TemporaryIdPlaces.of(null).isAnywhere()).isTrue();
        assertThat(TemporaryIdPlaces.of(null).asStored()).isNull();
        assertThat(TemporaryIdPlaces.anywhere().covers("payload.deep.down[4].inside")).isTrue();
    }

    @Test
    void aPlaceOutsideTheWriteOrInAnotherNotationIsRefused() {
        for (String wrong : List.of("body.patient", "payload..patient", "payload.requests[0].url", "payload.patient.",
                "patient", "payload.requests[ ]")) {
            assertThatThrownBy(() -> new TemporaryIdPlaces(List.of(wrong)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + wrong + "'");
        }
    }

    @Test
    void onlyTheStringsInCoveredPlacesAreVisited() {
        TemporaryIdPlaces places = new TemporaryIdPlaces(List.of("payload.patient", "payload.requests[].url"));
        List<String> visited = new ArrayList<>();

        places.forEachCoveredString(Map.of("id", "p"), Map.of("patient", "q"),
                Map.of("patient", "a", "note", "b", "requests", List.of(Map.of("url", "c", "method", "POST"))),
                (path, value) -> visited.add(path + "=" + value));

        assertThat(visited).containsExactlyInAnyOrder("payload.patient=a", "payload.requests[0].url=c");
    }
}
