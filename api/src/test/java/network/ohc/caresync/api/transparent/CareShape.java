package network.ohc.caresync.api.transparent;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an answer care-sync gave in CARE's place has the shape of CARE's answer of the same kind (a record CARE
 * itself answered, as the reference), field by field:
 * <ul>
 * <li>every field CARE answers is there, and nothing else but care-sync's markers of a record changed offline;</li>
 * <li>a field CARE answers as an object is an object: the same object in full (checked the same way, field by
 * field), or a reference to it (its {@code id}, and only fields CARE's object has), as for a record not read yet;</li>
 * <li>a list is a list whose items have the shape of CARE's items;</li>
 * <li>a string, number or boolean is of that type or null (a value the offline record does not know yet), an
 * {@code id} is a UUID or a temporary id, and CARE's dates are dates in CARE's format.</li>
 * </ul>
 */
final class CareShape {

    /** What care-sync adds to a record that holds offline changes, so the app can show them as such. */
    static final Set<String> OFFLINE_MARKERS = Set.of("offline_write_id", "is_updated_offline", "offline_write_ids",
            "offline_sync_status");
    private static final Pattern ID = Pattern.compile(
            "(offline-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CARE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
    private static final Set<String> DATES = Set.of("created_date", "modified_date", "moved_at");

    private CareShape() {
    }

    /** The answer has the shape of {@code care}, CARE's own answer of that kind; {@code at} names it in failures. */
    static void assertShapeOf(JsonNode answer, JsonNode care, String at) {
        if (care.isObject()) {
            assertThat(answer.isObject()).as("%s: an object, as CARE answers (%s)", at, answer).isTrue();
            List<String> missing = new ArrayList<>();
            for (Iterator<String> it = care.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!answer.has(field)) {
                    missing.add(field);
                }
            }
            assertThat(missing).as("%s: fields CARE answers that are missing", at).isEmpty();
            for (Iterator<String> it = answer.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                if (!care.has(field)) {
                    assertThat(OFFLINE_MARKERS).as("%s: field '%s' is neither CARE's nor an offline marker", at, field)
                            .contains(field);
                    continue;
                }
                field(answer.get(field), care.get(field), at + "." + field, field);
            }
        } else {
            field(answer, care, at, "");
        }
    }

    private static void field(JsonNode value, JsonNode care, String at, String name) {
        if (care.isObject()) {
            assertThat(value.isObject()).as("%s: an object, as CARE answers (%s)", at, value).isTrue();
            if (hasAll(value, care)) {
                assertShapeOf(value, care, at);
                return;
            }
            // a reference to the object: its id, and only fields CARE's object has
            if (care.has("id")) {
                assertThat(value.has("id")).as("%s: a reference carries the id (%s)", at, value).isTrue();
            }
            for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                assertThat(care.has(field) || OFFLINE_MARKERS.contains(field))
                        .as("%s: field '%s' is not one CARE's object has", at, field).isTrue();
                field(value.get(field), care.get(field) == null ? value.get(field) : care.get(field),
                        at + "." + field, field);
            }
        } else if (care.isArray()) {
            assertThat(value.isArray()).as("%s: a list, as CARE answers (%s)", at, value).isTrue();
            if (!care.isEmpty()) {
                for (int i = 0; i < value.size(); i++) {
                    field(value.get(i), care.get(0), at + "[" + i + "]", name);
                }
            }
        } else if (!value.isNull()) {
            if (care.isTextual()) {
                assertThat(value.isTextual()).as("%s: text, as CARE answers (%s)", at, value).isTrue();
                if (name.equals("id")) {
                    assertThat(value.asText()).as("%s: an id", at).matches(ID);
                }
                if (DATES.contains(name)) {
                    assertThat(value.asText()).as("%s: a date as CARE writes it", at).matches(CARE_TIME);
                }
            } else if (care.isNumber()) {
                assertThat(value.isNumber()).as("%s: a number, as CARE answers (%s)", at, value).isTrue();
            } else if (care.isBoolean()) {
                assertThat(value.isBoolean()).as("%s: true or false, as CARE answers (%s)", at, value).isTrue();
            }
        }
    }

    private static boolean hasAll(JsonNode value, JsonNode care) {
        for (Iterator<String> it = care.fieldNames(); it.hasNext(); ) {
            if (!value.has(it.next())) {
                return false;
            }
        }
        return true;
    }
}
