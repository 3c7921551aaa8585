package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs a request inside the current transaction, as the current user (for batch requests). */
@FunctionalInterface
public interface SubRequests {

    CareResponse run(String method, String url, JsonNode body);
}
