package network.ohc.caresync.application.sync;

import network.ohc.caresync.application.json.Json;

import java.util.Map;

/** What became of an upstream request. */
public sealed interface UpstreamResult {

    /** CARE answered (any status). */
    record Answered(int status, byte[] body) implements UpstreamResult {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public Object json() {
            try {
                return Json.parse(body);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        public Map<String, Object> jsonObject() {
            return Json.asObject(json());
        }

        /** CARE's answer to an invalid or expired token: 403 with {@code code: token_not_valid}. */
        public boolean isTokenNotValid() {
            if (status != 403 && status != 401) {
                return false;
            }
            Map<String, Object> object = jsonObject();
            return object != null && "token_not_valid".equals(object.get("code"));
        }
    }

    /** The request never reached CARE (connection refused, no route, connect timeout): nothing was applied. */
    record NotSent(String reason) implements UpstreamResult {
    }

    /** The request went out but no answer came back (timeout, reset): it may or may not have been applied. */
    record Lost(String reason) implements UpstreamResult {
    }
}
