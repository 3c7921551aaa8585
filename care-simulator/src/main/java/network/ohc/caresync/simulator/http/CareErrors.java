package network.ohc.caresync.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error answers of CARE, word for word (see care-api/CARE-API.md). */
public final class CareErrors {

    private CareErrors() {
    }

    /** 400 {@code {"errors":[{"type":"validation_error","msg":...}]}}: a rule outside a single field. */
    public static CareException validation(String msg) {
        ObjectNode error = Json.object();
        error.put("type", "validation_error");
        error.put("msg", msg);
        return errors(400, error);
    }

    /** 404 {@code {"errors":[{"type":"object_not_found","msg":"No Patient matches the given query."}]}}. */
    public static CareException notFound(String model) {
        ObjectNode error = Json.object();
        error.put("type", "object_not_found");
        error.put("msg", "No " + model + " matches the given query.");
        return errors(404, error);
    }

    public static CareException errors(int status, ObjectNode... errors) {
        ArrayNode list = Json.array();
        for (ObjectNode error : errors) {
            list.add(error);
        }
        ObjectNode body = Json.object();
        body.set("errors", list);
        return new CareException(CareResponse.of(status, body));
    }

    /** 403 {@code {"detail": ...}}: the user is known but may not do this. */
    public static CareException permissionDenied(String detail) {
        return detail(403, detail);
    }

    /** CARE answers a missing token with 403, not 401. */
    public static CareException notAuthenticated() {
        return detail(403, "Authentication credentials were not provided.");
    }

    /** An expired, revoked or forged access token: 403 with {@code code: token_not_valid}. */
    public static CareException invalidToken() {
        ObjectNode body = Json.object();
        body.put("detail", "Invalid Token, please relogin to continue");
        body.put("code", "token_not_valid");
        return new CareException(CareResponse.of(403, body));
    }

    public static CareException routeNotFound() {
        return detail(404, "Not found.");
    }

    public static CareException methodNotAllowed(String method) {
        return detail(405, "Method \"" + method + "\" not allowed.");
    }

    public static CareException detail(int status, String detail) {
        ObjectNode body = Json.object();
        body.put("detail", detail);
        return new CareException(CareResponse.of(status, body));
    }
}
