package network.ohc.caresync.infrastructure.route;

import network.ohc.caresync.application.route.Overlay;
import network.ohc.caresync.application.route.RouteTable;
import network.ohc.caresync.infrastructure.schema.JsonSchemaPayloadSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteTableLoaderOverlayTest {

    @Test
    void theBuiltInTableDeclaresWhichWritesItsQueryRoutesShow() throws Exception {
        RouteTable table;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("routes.yml")) {
            table = RouteTableLoader.load(in, "routes.yml", new JsonSchemaPayloadSchemas());
        }

        var getPatient = table.find("getPatient").orElseThrow().overlays();
        assertThat(getPatient).anySatisfy(o -> {
            assertThat(o.as()).isEqualTo(Overlay.Kind.UPDATE);
            assertThat(o.writes()).containsExactly("update_patient");
            assertThat(o.match()).containsEntry("id", "pathParams.id");
        });
        assertThat(getPatient).anyMatch(Overlay::isTemporaryRecord);
        assertThat(table.find("listEncounters").orElseThrow().overlays()).anySatisfy(o -> {
            assertThat(o.as()).isEqualTo(Overlay.Kind.CREATE);
            assertThat(o.match()).containsEntry("patient", "payload.patient");
            assertThat(o.objects()).containsEntry("patient", "getPatient").containsEntry("facility", null);
            assertThat(o.placeholders()).containsKey("status_history");
        });
    }

    @Test
    void overlayMistakesAreNamed() {
        String yaml = """
                routes:
                  create_thing: { method: POST, path: /api/v1/thing/, kind: create }
                  getThing:
                    method: GET
                    path: /api/v1/thing/{id}/
                    kind: query
                    overlay:
                      - { writes: [create_thing], as: sideways, match: { id: body.id } }
                """;
        String references = """
                routes:
                  create_thing: { method: POST, path: /api/v1/thing/, kind: create }
                  getThing:
                    method: GET
                    path: /api/v1/thing/{id}/
                    kind: query
                    overlay:
                      - { writes: [nothing_here], as: update, match: { id: pathParams.id }, objects: { x: create_thing } }
                """;

        assertThatThrownBy(() -> load(yaml))
                .hasMessageContaining("getThing.overlay[0].as: create or update")
                .hasMessageContaining("getThing.overlay[0].match.id: writeId, pathParams.x");
        assertThatThrownBy(() -> load(references))
                .hasMessageContaining("getThing.overlay.writes: 'nothing_here' is not a mutation route")
                .hasMessageContaining("getThing.overlay.objects.x: 'create_thing' is not a query route");
    }

    private static RouteTable load(String yaml) {
        return RouteTableLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test",
                new JsonSchemaPayloadSchemas());
    }
}
