package network.ohc.caresync.api.web;

import network.ohc.caresync.application.auth.SignIn;
import network.ohc.caresync.application.auth.SignInService;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.HandOverRejected;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Sign-in through care-sync (online against CARE, offline against the kept hash) and sign-out. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final SignInService signIn;

    public AuthController(SignInService signIn) {
        this.signIn = signIn;
    }

    @PostMapping("/login")
    public Map<String, Object> login(@RequestBody Map<String, Object> body,
                                     @RequestHeader(name = "X-Device-Id", required = false) String deviceHeader) {
        List<FieldError> errors = new ArrayList<>();
        String username = text(body, "username", 150, errors);
        String password = text(body, "password", 1000, errors);
        String device = body.get("deviceId") instanceof String d ? d : deviceHeader;
        if (device != null && device.length() > 100) {
            errors.add(new FieldError("deviceId", "must be at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw HandOverRejected.invalid(errors);
        }
        SignIn session = signIn.signIn(username, password, device);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("token", session.token());
        answer.put("expiresAt", session.expiresAt().toString());
        answer.put("userId", session.userId());
        answer.put("username", session.username());
        answer.put("roles", session.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
        answer.put("offline", session.offline());
        return answer;
    }

    @PostMapping("/logout")
    public ResponseEntity<Void> logout() {
        signIn.signOut(Callers.current(), Callers.sessionId());
        return ResponseEntity.noContent().build();
    }

    private static String text(Map<String, Object> body, String field, int max, List<FieldError> errors) {
        Object value = body.get(field);
        if (!(value instanceof String s) || s.isBlank()) {
            errors.add(new FieldError(field, "required"));
            return null;
        }
        if (s.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
            return null;
        }
        return s;
    }
}
