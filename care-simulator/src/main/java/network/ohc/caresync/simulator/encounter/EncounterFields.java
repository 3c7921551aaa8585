package network.ohc.caresync.simulator.encounter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import network.ohc.caresync.simulator.http.Json;
import network.ohc.caresync.simulator.store.RecordClock;
import network.ohc.caresync.simulator.validation.FieldReader;

/**
 * The fields an encounter create and update share (CARE's {@code EncounterSpecBase}): status,
 * encounter_class and priority are required every time; the others are kept when absent.
 */
record EncounterFields(String status, String encounterClass, String priority, JsonNode period,
                       JsonNode hospitalization, String externalIdentifier, String dischargeSummaryAdvice) {

    /** Reads the fields, starting from {@code base} for the optional ones; errors go to {@code r}. */
    static EncounterFields read(FieldReader r, EncounterFields base) {
        String status = r.choice("status", EncounterChoices.STATUSES, true);
        String encounterClass = r.choice("encounter_class", EncounterChoices.CLASSES, true);
        String priority = r.choice("priority", EncounterChoices.PRIORITIES, true);
        JsonNode period = r.has("period") ? period(r) : base.period();
        JsonNode hospitalization = r.has("hospitalization") ? hospitalization(r) : base.hospitalization();
        String externalIdentifier = r.has("external_identifier")
                ? r.string("external_identifier", 100, false) : base.externalIdentifier();
        String advice = r.has("discharge_summary_advice")
                ? r.string("discharge_summary_advice", null, false) : base.dischargeSummaryAdvice();
        return new EncounterFields(status, encounterClass, priority, period, hospitalization, externalIdentifier,
                advice);
    }

    static EncounterFields none() {
        return new EncounterFields(null, null, null, Json.object(), null, null, null);
    }

    static EncounterFields of(Encounter encounter) {
        return new EncounterFields(encounter.status(), encounter.encounterClass(), encounter.priority(),
                encounter.period(), encounter.hospitalization(), encounter.externalIdentifier(),
                encounter.dischargeSummaryAdvice());
    }

    /** {@code {start, end}}, both optional date-times, stored in CARE's timestamp format. */
    private static JsonNode period(FieldReader r) {
        ObjectNode given = r.object("period");
        ObjectNode period = Json.object();
        if (given == null) {
            return period;
        }
        FieldReader nested = r.nested(given, "period");
        Instant start = nested.datetime("start");
        Instant end = nested.datetime("end");
        if (start != null) {
            period.put("start", RecordClock.format(start));
        }
        if (end != null) {
            period.put("end", RecordClock.format(end));
        }
        return period;
    }

    private static JsonNode hospitalization(FieldReader r) {
        ObjectNode given = r.object("hospitalization");
        if (given == null) {
            return null;
        }
        FieldReader nested = r.nested(given, "hospitalization");
        nested.bool("re_admission");
        for (String field : new String[] {"admit_source", "discharge_disposition", "diet_preference"}) {
            nested.string(field, null, false);
        }
        return given.deepCopy();
    }
}
