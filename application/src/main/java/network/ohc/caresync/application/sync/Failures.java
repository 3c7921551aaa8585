package network.ohc.caresync.application.sync;

import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.UpstreamFailure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns CARE's error answers into classified failures, keeping CARE's own error list. */
final class Failures {

    private Failures() {
    }

    static FailureKind kindOf(int status) {
        if (status == 400) {
            return FailureKind.VALIDATION;
        }
        if (status == 404) {
            return FailureKind.NOT_FOUND;
        }
        if (status == 403 || status == 401) {
            return FailureKind.FORBIDDEN;
        }
        if (status == 429) {
            return FailureKind.RATE_LIMITED;
        }
        if (status >= 400 && status < 500) {
            return FailureKind.CLIENT_ERROR;
        }
        return FailureKind.SERVER_ERROR;
    }

    static UpstreamFailure of(UpstreamResult.Answered answer) {
        List<Map<String, Object>> errors = errorsOf(answer.json());
        String first = errors.stream().map(e -> e.get("msg") != null ? e.get("msg") : e.get("detail"))
                .filter(m -> m != null).map(Object::toString).findFirst().orElse(null);
        String message = "HTTP " + answer.status() + (first != null ? ": " + first : "");
        return new UpstreamFailure(kindOf(answer.status()), answer.status(), message, errors);
    }

    static UpstreamFailure network(String reason) {
        return new UpstreamFailure(FailureKind.NETWORK, null, reason, List.of());
    }

    static UpstreamFailure unroutable(String reason) {
        return new UpstreamFailure(FailureKind.UNROUTABLE, null, reason, List.of());
    }

    /** CARE's {@code errors} list, its {@code detail}, or per sub-request results of a failed batch. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> errorsOf(Object body) {
        List<Map<String, Object>> errors = new ArrayList<>();
        if (!(body instanceof Map<?, ?> map)) {
            return errors;
        }
        if (map.get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> error) {
                    errors.add((Map<String, Object>) error);
                }
            }
        }
        if (map.get("detail") != null) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("detail", map.get("detail"));
            if (map.get("code") != null) {
                detail.put("code", map.get("code"));
            }
            errors.add(detail);
        }
        if (map.get("results") instanceof List<?> results) {
            for (Object item : results) {
                if (item instanceof Map<?, ?> result) {
                    Map<String, Object> sub = new LinkedHashMap<>();
                    sub.put("reference_id", result.get("reference_id"));
                    sub.put("status_code", result.get("status_code"));
                    sub.put("data", result.get("data"));
                    Object nested = result.get("data");
                    if (nested instanceof Map<?, ?> data && data.get("errors") instanceof List<?> l && !l.isEmpty()
                            && l.get(0) instanceof Map<?, ?> e && e.get("msg") != null) {
                        sub.put("msg", "sub-request " + result.get("reference_id") + ": " + e.get("msg"));
                    }
                    errors.add(sub);
                }
            }
        }
        return errors;
    }
}
