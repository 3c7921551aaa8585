package network.ohc.caresync.infrastructure.route;

import network.ohc.caresync.application.route.Route;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.infrastructure.schema.JsonSchemaPayloadSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableLoaderQueryRouteTest {

    @Test
    void theBuiltInTablePairsWritesWithTheQueryRouteOfTheirRecordAndMatchesRequestsToTheFirstDeclaredRoute()
            throws Exception {
        RouteTable table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("routes.yml")) {
            table = RouteTableLoader.load(in, "routes.yml", new JsonSchemaPayloadSchemas());
        }

        assertThat(table.find("update_patient").map(Route::queryRoute)).contains("getPatient");
        assertThat(table.find("create_encounter").map(Route::queryRoute)).contains("getEncounter");
        assertThat(table.matchMutation("PUT", "/api/v1/encounter/e-1/").map(Route::key)).contains("update_encounter");
        assertThat(table.matchMutation("POST", "/api/v1/batch_requests/").map(Route::key)).contains("questionnaire");
        assertThat(table.matchMutation("POST", "/api/v1/patient/p-1/symptom/")).isEmpty();
        assertThat(table.matchQuery("/api/v1/patient/p-1/").map(Route::key)).contains("getPatient");
        assertThat(table.matchQuery("/api/v1/patient/").map(Route::key)).contains("listPatients");
    }

    @Test
    void aQueryRouteThatCannotReadTheRecordIsNamed() {
        String yaml = """
                routes:
                  update_thing: { method: PUT, path: "/api/v1/thing/{id}/", kind: update, queryRoute: listThings }
                  move_thing: { method: PUT, path: "/api/v1/thing/{thingId}/move/", kind: action, queryRoute: getThing }
                  tag_thing: { method: POST, path: /api/v1/tag/, kind: create, queryRoute: nowhere }
                  getThing: { method: GET, path: "/api/v1/thing/{id}/", kind: query, queryRoute: getThing }
                  listThings: { method: GET, path: /api/v1/thing/, kind: query }
                """;

        assertThatThrownBy(() -> RouteTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "test", new JsonSchemaPayloadSchemas()))
                .hasMessageContaining("update_thing.queryRoute: 'listThings' must read one record by one path parameter")
                .hasMessageContaining("move_thing.queryRoute: 'getThing' reads by 'id', which move_thing's path does "
                        + "not have")
                .hasMessageContaining("tag_thing.queryRoute: 'nowhere' is not a query route")
                .hasMessageContaining("getThing.queryRoute: only a mutation route names the query route");
    }
}
