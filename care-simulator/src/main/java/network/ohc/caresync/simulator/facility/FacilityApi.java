package network.ohc.caresync.simulator.facility;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import org.springframework.stereotype.Component;

/** {@code /api/v1/facility/} and {@code /api/v1/organization/}: read-only, fixed content. */
@Component
class FacilityApi implements RouteProvider {

    private final CareDirectory directory;

    FacilityApi(CareDirectory directory) {
        this.directory = directory;
    }

    @Override
    public void registerRoutes(Routes routes) {
        routes.read("/api/v1/facility/", call -> page(call, directory.facilities(), CareDirectory::facilityJson));
        routes.read("/api/v1/facility/{id}/", call -> CareResponse.ok(CareDirectory.facilityJson(
                directory.facility(call.pathId("id", "Facility"))
                        .orElseThrow(() -> CareErrors.notFound("Facility")))));
        routes.read("/api/v1/organization/",
                call -> page(call, directory.organizations(), CareDirectory::organizationJson));
        routes.read("/api/v1/organization/{id}/", call -> CareResponse.ok(CareDirectory.organizationJson(
                directory.organization(call.pathId("id", "Organization"))
                        .orElseThrow(() -> CareErrors.notFound("Organization")))));
    }

    private static <T> CareResponse page(CareCall call, List<T> all,
                                         Function<T, ObjectNode> render) {
        ArrayNode results = Json.array();
        all.stream().skip(call.offset()).limit(call.limit()).map(render).forEach(results::add);
        return CareResponse.ok(Json.listing(all.size(), results));
    }
}
