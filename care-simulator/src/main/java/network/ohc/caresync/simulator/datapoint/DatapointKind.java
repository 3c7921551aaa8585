package network.ohc.caresync.simulator.datapoint;

import java.util.List;

/**
 * A kind of datapoint and the model name CARE uses in its 404 message (symptoms and diagnoses are
 * both {@code Condition}s in CARE).
 */
record DatapointKind(String name, String model) {

    static final List<DatapointKind> ALL = List.of(
            new DatapointKind("symptom", "Condition"),
            new DatapointKind("diagnosis", "Condition"),
            new DatapointKind("allergy_intolerance", "AllergyIntolerance"),
            new DatapointKind("medication_request", "MedicationRequest"),
            new DatapointKind("medication_statement", "MedicationStatement"));
}
