package network.ohc.caresync.simulator.encounter;

import java.util.List;
import java.util.Set;

/** CARE's encounter enums. */
final class EncounterChoices {

    static final List<String> STATUSES = List.of("planned", "in_progress", "on_hold", "discharged", "completed",
            "cancelled", "discontinued", "entered_in_error", "unknown");
    static final List<String> CLASSES = List.of("imp", "amb", "obsenc", "emer", "vr", "hh");
    static final List<String> PRIORITIES = List.of("ASAP", "callback_results", "callback_for_scheduling",
            "elective", "emergency", "preop", "as_needed", "routine", "rush_reporting", "stat", "timing_critical",
            "use_as_directed", "urgent");
    /** CARE's COMPLETED_CHOICES: encounters in these states do not count towards the active limit. */
    static final Set<String> INACTIVE_STATUSES = Set.of("completed", "cancelled", "entered_in_error", "discontinued");
    static final int MAX_ACTIVE_PER_PATIENT_IN_FACILITY = 5;

    private EncounterChoices() {
    }
}
