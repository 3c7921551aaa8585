package network.ohc.caresync.infrastructure.route;

import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.infrastructure.schema.JsonSchemaPayloadSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableLoaderTemporaryIdsTest {

    @Test
    void aRouteNamesWhereItsTemporaryIdsSitAndARouteThatDoesNotAllowsThemAnywhere() {
        RouteTable table = load("""
                routes:
                  create_encounter: { method: POST, path: /api/v1/encounter/, kind: create, temporaryIds: [payload.patient] }
                  symptom:
                    method: POST
                    path: /api/v1/batch_requests/
                    kind: batch
                    temporaryIds: ["payload.requests[].url", "payload.requests[].body"]
                  update_patient: { method: PUT, path: "/api/v1/patient/{id}/", kind: update, temporaryIds: [pathParams.id, queryParams.id] }
                  create_patient: { method: POST, path: /api/v1/patient/, kind: create }
                """);

        assertThat(table.find("create_encounter").orElseThrow().temporaryIds().places())
                .containsExactly("payload.patient");
        assertThat(table.find("symptom").orElseThrow().temporaryIds().covers("payload.requests[1].body.datapoints[0]"
                + ".encounter")).isTrue();
        assertThat(table.find("update_patient").orElseThrow().temporaryIds().places())
                .containsExactly("pathParams.id", "queryParams.id");
        assertThat(table.find("create_patient").orElseThrow().temporaryIds().isAnywhere()).isTrue();
    }

    @Test
    void mistakesInThePlacesAreNamedAtStartup() {
        assertThatThrownBy(() -> load("""
                routes:
                  create_encounter: { method: POST, path: /api/v1/encounter/, kind: create, temporaryIds: [body.patient] }
                  update_patient: { method: PUT, path: "/api/v1/patient/{id}/", kind: update, temporaryIds: [pathParams.patientId] }
                  assign: { method: POST, path: "/api/v1/patient/{patientId}/add_user/", kind: action, temporaryIds: [] }
                  symptom: { method: POST, path: /api/v1/batch_requests/, kind: batch, temporaryIds: "payload.requests[0].url" }
                  getPatient: { method: GET, path: "/api/v1/patient/{id}/", kind: query, temporaryIds: [pathParams.id] }
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("create_encounter.temporaryIds[0]: 'body.patient' is not a place")
                .hasMessageContaining("update_patient.temporaryIds[0]: 'pathParams.patientId' names no parameter of "
                        + "the path /api/v1/patient/{id}/, whose parameters are [id]")
                .hasMessageContaining("assign.temporaryIds: a list of places")
                .hasMessageContaining("symptom.temporaryIds: a list of places")
                .hasMessageContaining("getPatient.temporaryIds: only a mutation route's writes hold temporary ids");
    }

    @Test
    void theBuiltInTableNarrowsTheRoutesWhoseOnlyPossibleParentIsClear() throws Exception {
        RouteTable table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("routes.yml")) {
            table = RouteTableLoader.load(in, "routes.yml", new JsonSchemaPayloadSchemas());
        }

        assertThat(table.find("create_encounter").map(r -> r.temporaryIds().places()))
                .contains(List.of("payload.patient"));
        assertThat(table.find("assign_user_to_patient").map(r -> r.temporaryIds().places()))
                .contains(List.of("pathParams.patientId"));
        assertThat(table.find("symptom").map(Route::temporaryIds).orElseThrow().isAnywhere()).isTrue();
    }

    private static RouteTable load(String yaml) {
        return RouteTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test",
                new JsonSchemaPayloadSchemas());
    }
}
