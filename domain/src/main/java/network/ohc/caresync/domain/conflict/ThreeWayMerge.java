package network.ohc.caresync.domain.conflict;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Three-way merge of an update that conflicted: {@code base} is the record as the device saw it, {@code mine}
 * the (partial) payload the device sends, {@code theirs} the record as it is upstream now. A field the device
 * changed and upstream did not keeps the device's value; a field only upstream changed keeps upstream's value;
 * a field both changed to different values is a conflict for a person. A field the route marks as always needing a
 * person (a death, a blood group) is one too as soon as the device changed it, whatever upstream did: such a change
 * is never sent on the strength of a merge, so the whole write waits for a person.
 * <p>
 * CARE answers a reference as an object ({@code geo_organization: {id, name, ...}}) while a device writes it as the
 * id, so an object with an {@code id} counts as equal to that id, and a merged field keeps the device's id form.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    public record Outcome(boolean clean, Map<String, Object> mergedPayload, List<String> changedByDevice,
                          List<String> changedUpstream, List<String> conflicting) {
    }

    public static Outcome merge(Map<String, Object> base, Map<String, Object> mine, Map<String, Object> theirs,
                                Set<String> alwaysManual) {
        Map<String, Object> merged = new LinkedHashMap<>();
        List<String> changedByDevice = new ArrayList<>();
        List<String> changedUpstream = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        for (Map.Entry<String, Object> field : mine.entrySet()) {
            String name = field.getKey();
            Object baseValue = base.get(name);
            Object theirValue = theirs.get(name);
            boolean deviceChanged = !jsonEquals(field.getValue(), baseValue);
            boolean upstreamChanged = theirs.containsKey(name) && !jsonEquals(theirValue, baseValue);
            if (deviceChanged && (alwaysManual.contains(name)
                    || upstreamChanged && !jsonEquals(field.getValue(), theirValue))) {
                conflicting.add(name);
                merged.put(name, field.getValue());
            } else if (deviceChanged) {
                changedByDevice.add(name);
                merged.put(name, field.getValue());
            } else {
                if (upstreamChanged) {
                    changedUpstream.add(name);
                }
                merged.put(name, theirs.containsKey(name) ? asWritten(theirValue, field.getValue()) : field.getValue());
            }
        }
        return new Outcome(conflicting.isEmpty(), merged, changedByDevice, changedUpstream, conflicting);
    }

    /**
     * Equality of JSON values, where numbers compare by value (5 equals 5.0, an Integer equals a Long) and an object
     * with an {@code id} equals that id (a reference as CARE answers it and as a device writes it).
     */
    public static boolean jsonEquals(Object a, Object b) {
        if (a instanceof Map<?, ?> x && isReference(b) && x.containsKey("id")) {
            return jsonEquals(x.get("id"), b);
        }
        if (b instanceof Map<?, ?> y && isReference(a) && y.containsKey("id")) {
            return jsonEquals(a, y.get("id"));
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !jsonEquals(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<?> i = x.iterator();
            Iterator<?> j = y.iterator();
            while (i.hasNext()) {
                if (!jsonEquals(i.next(), j.next())) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean isReference(Object value) {
        return value instanceof String || value instanceof Number;
    }

    /** Upstream's value in the form the device wrote the field: the id of an object the device sent as an id. */
    private static Object asWritten(Object theirs, Object mine) {
        if (theirs instanceof Map<?, ?> object && isReference(mine) && object.containsKey("id")) {
            return object.get("id");
        }
        return theirs;
    }
}
