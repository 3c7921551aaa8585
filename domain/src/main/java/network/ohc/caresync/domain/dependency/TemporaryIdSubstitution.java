package network.ohc.caresync.domain.dependency;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces a parent's temporary id (its write id) by its real upstream id everywhere in a child write:
 * path and query parameters, payload values at any depth and inside arrays, and inside strings such as
 * the URLs of batch sub-requests ({@code /api/v1/patient/offline-…/symptom/upsert/}); or only in the places the
 * child's route allows ({@link TemporaryIdPlaces}). The record key, which care-sync derives from the path
 * parameters, follows them. Pure: the inputs are not changed.
 */
public final class TemporaryIdSubstitution {

    private TemporaryIdSubstitution() {
    }

    public record Result(Map<String, Object> pathParams, Map<String, Object> queryParams, Map<String, Object> payload,
                         String recordKey, List<Replacement> replacements) {
    }

    public static Result substitute(String temporaryId, String realId, Map<String, Object> pathParams,
                                    Map<String, Object> queryParams, Map<String, Object> payload, String recordKey) {
        return substitute(temporaryId, realId, pathParams, queryParams, payload, recordKey,
                TemporaryIdPlaces.anywhere());
    }

    public static Result substitute(String temporaryId, String realId, Map<String, Object> pathParams,
                                    Map<String, Object> queryParams, Map<String, Object> payload, String recordKey,
                                    TemporaryIdPlaces places) {
        List<Replacement> replacements = new ArrayList<>();
        Walker walker = new Walker(temporaryId, realId, places, replacements);
        Map<String, Object> newPath = walker.map("pathParams", pathParams);
        Map<String, Object> newQuery = walker.map("queryParams", queryParams);
        Map<String, Object> newPayload = walker.map("payload", payload);
        boolean inPath = replacements.stream().anyMatch(r -> r.field().startsWith("pathParams."));
        String newRecordKey = recordKey == null || !inPath ? recordKey : recordKey.replace(temporaryId, realId);
        return new Result(newPath, newQuery, newPayload, newRecordKey, List.copyOf(replacements));
    }

    /** Whether the temporary id appears anywhere in these values. */
    public static boolean mentions(String temporaryId, Object... values) {
        for (Object value : values) {
            if (mentionsIn(temporaryId, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsIn(String temporaryId, Object value) {
        if (value instanceof String s) {
            return s.contains(temporaryId);
        }
        if (value instanceof Map<?, ?> m) {
            return m.values().stream().anyMatch(v -> mentionsIn(temporaryId, v));
        }
        if (value instanceof List<?> l) {
            return l.stream().anyMatch(v -> mentionsIn(temporaryId, v));
        }
        return false;
    }

    private record Walker(String temporaryId, String realId, TemporaryIdPlaces places,
                          List<Replacement> replacements) {

        Map<String, Object> map(String path, Map<String, Object> source) {
            if (source == null) {
                return null;
            }
            Map<String, Object> copy = new LinkedHashMap<>();
            source.forEach((key, value) -> copy.put(key, value(path + "." + key, value)));
            return copy;
        }

        @SuppressWarnings("unchecked")
        Object value(String path, Object value) {
            if (value instanceof String s) {
                return string(path, s);
            }
            if (value instanceof Map<?, ?> m) {
                return map(path, (Map<String, Object>) m);
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    copy.add(value(path + "[" + i + "]", list.get(i)));
                }
                return copy;
            }
            return value;
        }

        String string(String path, String value) {
            if (!value.contains(temporaryId) || !places.covers(path)) {
                return value;
            }
            String replaced = value.replace(temporaryId, realId);
            replacements.add(new Replacement(path, value, replaced));
            return replaced;
        }
    }
}
