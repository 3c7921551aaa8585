package network.ohc.caresync.domain.dependency;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Where a route's temporary ids may sit in a write: {@code pathParams.id}, {@code payload.patient},
 * {@code payload.requests[].url}. A place names a value, with {@code []} for every element of a list, and covers
 * everything inside that value. No places at all means anywhere.
 */
public record TemporaryIdPlaces(List<String> places) {

    private static final Pattern PLACE = Pattern.compile(
            "(pathParams|queryParams|payload)(\\.[A-Za-z0-9_-]+(\\[])*)*");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final TemporaryIdPlaces ANYWHERE = new TemporaryIdPlaces(List.of());

    public TemporaryIdPlaces {
        places = places == null ? List.of() : List.copyOf(places);
        for (String place : places) {
            if (place == null || !PLACE.matcher(place).matches()) {
                throw new IllegalArgumentException("'" + place + "' is not a place: write pathParams.<name>, "
                        + "queryParams.<name> or payload.<field>[.<field>...], with [] after a list");
            }
        }
    }

    public static TemporaryIdPlaces anywhere() {
        return ANYWHERE;
    }

    /** The places a stored write names, where null (a write stored before places existed) means anywhere. */
    public static TemporaryIdPlaces of(List<String> places) {
        return places == null || places.isEmpty() ? ANYWHERE : new TemporaryIdPlaces(places);
    }

    public boolean isAnywhere() {
        return places.isEmpty();
    }

    /** The places as a write stores them: null for anywhere. */
    public List<String> asStored() {
        return isAnywhere() ? null : places;
    }

    /** Whether a value at this path ({@code payload.requests[0].url}) may hold a temporary id. */
    public boolean covers(String path) {
        if (isAnywhere()) {
            return true;
        }
        String general = INDEX.matcher(path).replaceAll("[]");
        for (String place : places) {
            if (general.equals(place) || general.startsWith(place + ".") || general.startsWith(place + "[")) {
                return true;
            }
        }
        return false;
    }

    /** Every string value of a write that may hold a temporary id, with its path. */
    public void forEachCoveredString(Map<String, Object> pathParams, Map<String, Object> queryParams,
                                     Map<String, Object> payload, BiConsumer<String, String> action) {
        visit("pathParams", pathParams, action);
        visit("queryParams", queryParams, action);
        visit("payload", payload, action);
    }

    private void visit(String path, Object value, BiConsumer<String, String> action) {
        if (value instanceof String s) {
            if (covers(path)) {
                action.accept(path, s);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, nested) -> visit(path + "." + key, nested, action));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                visit(path + "[" + i + "]", list.get(i), action);
            }
        }
    }
}
