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
        // of a failed batch, the first sub-request that failed says why, not one that would have been kept
        String first = errors.stream().filter(e -> !(e.get("status_code") instanceof Number n) || n.intValue() > 299)
                .map(e -> e.get("msg") != null ? e.get("msg") : e.get("detail"))
                .filter(m -> m != null).map(Object::toString).findFirst().orElse(null);
        String message = "HTTP " + answer.status() + (first != null ? ": " + first : "");
        return new UpstreamFailure(kindOf(answer.status()), answer.status(), message, errors);
    }

    /** What became of one sub-request of a batch CARE refused as a whole. */
    private static String outcomeOf(Object status, Object data) {
        if (status instanceof Number n && n.intValue() >= 200 && n.intValue() < 300) {
            return "accepted, but not kept: CARE keeps all of a batch or nothing";
        }
        String message = messageIn(data);
        return message != null ? message : "HTTP " + status;
    }

    /**
     * CARE's first message in a sub-request's answer: {@code {"errors":[{"msg"}]}}, {@code {"detail"}}, or, for an
     * upsert, a list with one answer per datapoint.
     */
    private static String messageIn(Object data) {
        if (data instanceof Map<?, ?> map) {
            if (map.get("errors") instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> error && error.get("msg") != null) {
                        return error.get("msg").toString();
                    }
                }
            }
            return map.get("detail") == null ? null : map.get("detail").toString();
        }
        if (data instanceof List<?> items) {
            for (Object item : items) {
                String message = item instanceof Map<?, ?> m && m.containsKey("errors") ? messageIn(item) : null;
                if (message != null) {
                    return message;
                }
            }
        }
        return null;
    }

    static UpstreamFailure network(String reason) {
        return new UpstreamFailure(FailureKind.NETWORK, null, reason, List.of());
    }

    static UpstreamFailure unroutable(String reason) {
        return new UpstreamFailure(FailureKind.UNROUTABLE, null, reason, List.of());
    }

    /**
     * CARE's {@code errors} list, its {@code detail}, or one entry per sub-request of a failed batch: its
     * {@code reference_id}, {@code status_code}, CARE's answer to it, and a {@code msg} saying what became of it.
     */
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
                    sub.put("msg", "sub-request " + result.get("reference_id") + ": "
                            + outcomeOf(result.get("status_code"), result.get("data")));
                    errors.add(sub);
                }
            }
        }
        return errors;
    }
}
