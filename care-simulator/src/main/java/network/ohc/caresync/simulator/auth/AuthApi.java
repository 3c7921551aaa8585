package network.ohc.caresync.simulator.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import network.ohc.caresync.simulator.facility.CareDirectory;
import network.ohc.caresync.simulator.http.CareCall;
import network.ohc.caresync.simulator.http.CareResponse;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.http.RouteProvider;
import network.ohc.caresync.simulator.http.Routes;
import network.ohc.caresync.simulator.user.User;
import network.ohc.caresync.simulator.user.UserDirectory;
import network.ohc.caresync.simulator.user.UserJson;
import org.springframework.stereotype.Component;

/**
 * Sign-in, token refresh, logout and the current user. These views are plain Django REST framework
 * (not CARE's EMR views), so their field errors use DRF's shape: {@code {"refresh": ["This field is required."]}}.
 */
@Component
class AuthApi implements RouteProvider {

    private final UserDirectory users;
    private final TokenService tokens;

    AuthApi(UserDirectory users, TokenService tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    @Override
    public void registerRoutes(Routes routes) {
        routes.open("POST", "/api/v1/auth/login/", this::login);
        routes.open("POST", "/api/v1/auth/token/refresh/", this::refresh);
        routes.open("POST", "/api/v1/auth/logout/", this::logout);
        routes.read("/api/v1/users/getcurrentuser/", this::currentUser);
    }

    private CareResponse login(CareCall call) {
        ObjectNode body = call.bodyObject();
        ObjectNode fieldErrors = Json.object();
        String username = requiredText(body, "username", fieldErrors);
        String password = requiredText(body, "password", fieldErrors);
        if (!fieldErrors.isEmpty()) {
            return CareResponse.of(400, fieldErrors);
        }
        Optional<User> user = users.signIn(username, password);
        if (user.isEmpty()) {
            ObjectNode refusal = Json.object();
            refusal.put("detail", "No active account found with the given credentials");
            refusal.put("code", "no_active_account");
            return CareResponse.of(401, refusal);
        }
        return CareResponse.ok(pair(tokens.issue(user.get().id())));
    }

    private CareResponse refresh(CareCall call) {
        ObjectNode fieldErrors = Json.object();
        String refresh = requiredText(call.bodyObject(), "refresh", fieldErrors);
        if (!fieldErrors.isEmpty()) {
            return CareResponse.of(400, fieldErrors);
        }
        TokenService.RefreshResult result = tokens.refresh(refresh);
        if (!result.accepted() || users.byId(result.userId()).isEmpty()) {
            ObjectNode refusal = Json.object();
            refusal.put("detail", result.accepted() ? "Token is invalid or expired" : result.rejection());
            refusal.put("code", "token_not_valid");
            return CareResponse.of(401, refusal);
        }
        return CareResponse.ok(pair(result.pair()));
    }

    /** Takes back whichever of {@code access} and {@code refresh} are given; never fails. */
    private CareResponse logout(CareCall call) {
        ObjectNode body = call.bodyObject();
        for (String field : new String[] {"access", "refresh"}) {
            JsonNode token = body.get(field);
            if (token != null && token.isTextual()) {
                tokens.revoke(token.textValue());
            }
        }
        return CareResponse.ok(Json.object());
    }

    private CareResponse currentUser(CareCall call) {
        User user = call.user();
        ObjectNode node = UserJson.summary(user);
        node.put("user_type", user.userType());
        node.put("email", user.username() + "@care-simulator.local");
        node.putNull("phone_number");
        node.put("is_superuser", "administrator".equals(user.userType()));
        node.putNull("last_login");
        node.set("facilities", Json.array().add(CareDirectory.bareFacility(CareDirectory.FACILITY)));
        node.set("organizations", Json.array().add(CareDirectory.organizationJson(CareDirectory.GEO_ORGANIZATION)));
        return CareResponse.ok(node);
    }

    private static ObjectNode pair(TokenPair pair) {
        ObjectNode node = Json.object();
        node.put("access", pair.access());
        node.put("refresh", pair.refresh());
        return node;
    }

    private static String requiredText(ObjectNode body, String field, ObjectNode fieldErrors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            fieldErrors.set(field, Json.array().add("This field is required."));
            return null;
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        if (text.isBlank()) {
            fieldErrors.set(field, Json.array().add("This field may not be blank."));
            return null;
        }
        return text;
    }
}
