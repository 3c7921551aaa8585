package network.ohc.caresync.domain.dependency;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemporaryIdSubstitutionTest {

    static final String TEMP = "offline-0b0e7a3c-2f0d-4f0e-8f5c-1b2f4c6d8e01";
    static final String REAL = "5b7e6c1a-8f43-4a9e-b0c2-2d1e3f4a5b6c";

    @Test
    void replacesTheTemporaryIdInParamsNestedValuesArraysAndUrls() {
        Map<String, Object> payload = Map.of(
                "patient", TEMP,
                "nested", Map.of("ids", List.of("x", TEMP)),
                "requests", List.of(Map.of("url", "/api/v1/patient/" + TEMP + "/symptom/upsert/", "method", "POST")),
                "count", 3);

        var result = TemporaryIdSubstitution.substitute(TEMP, REAL, Map.of("id", TEMP), Map.of("patient", TEMP),
                payload, "patient:" + TEMP);

        assertThat(result.pathParams()).containsEntry("id", REAL);
        assertThat(result.queryParams()).containsEntry("patient", REAL);
        assertThat(result.payload()).containsEntry("patient", REAL).containsEntry("count", 3);
        assertThat(result.payload().get("nested")).isEqualTo(Map.of("ids", List.of("x", REAL)));
        assertThat(result.payload().get("requests")).isEqualTo(List.of(
                Map.of("url", "/api/v1/patient/" + REAL + "/symptom/upsert/", "method", "POST")));
        assertThat(result.recordKey()).isEqualTo("patient:" + REAL);
        assertThat(result.replacements()).extracting(Replacement::field).containsExactlyInAnyOrder(
                "pathParams.id", "queryParams.patient", "payload.patient", "payload.nested.ids[1]",
                "payload.requests[0].url");
        assertThat(TemporaryIdSubstitution.mentions(TEMP, result.pathParams(), result.payload())).isFalse();
    }

    @Test
    void leavesAWriteWithoutTheTemporaryIdUntouched() {
        var result = TemporaryIdSubstitution.substitute(TEMP, REAL, null, Map.of(), Map.of("name", "Asha"), null);

        assertThat(result.replacements()).isEmpty();
        assertThat(result.payload()).isEqualTo(Map.of("name", "Asha"));
        assertThat(result.pathParams()).isNull();
    }

    @Test
    void aRouteThatNarrowsThePlacesHasTheIdReplacedOnlyThere() {
        Map<String, Object> payload = Map.of(
                "requests", List.of(Map.of("url", "/api/v1/patient/" + TEMP + "/symptom/upsert/",
                        "reference_id", "symptoms of " + TEMP)));

        var result = TemporaryIdSubstitution.substitute(TEMP, REAL, Map.of("id", TEMP), Map.of("patient", TEMP),
                payload, "patient:" + TEMP, new TemporaryIdPlaces(List.of("payload.requests[].url")));

        assertThat(result.replacements()).extracting(Replacement::field).containsExactly("payload.requests[0].url");
        assertThat(result.payload().get("requests")).isEqualTo(List.of(Map.of(
                "url", "/api/v1/patient/" + REAL + "/symptom/upsert/", "reference_id", "symptoms of " + TEMP)));
        assertThat(result.pathParams()).containsEntry("id", TEMP);
        assertThat(result.queryParams()).containsEntry("patient", TEMP);
        assertThat(result.recordKey()).as("the record key follows the path parameters").isEqualTo("patient:" + TEMP);
    }
}
