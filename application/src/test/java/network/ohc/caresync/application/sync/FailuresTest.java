package network.ohc.caresync.application.sync;

import network.ohc.caresync.domain.write.FailureKind;
import network.ohc.caresync.domain.write.UpstreamFailure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void aRefusedBatchSaysWhatBecameOfEachSubRequest() {
        String answer = """
                {"results": [
                  {"reference_id": "symptoms", "status_code": 200, "data": [{"id": "s-1"}]},
                  {"reference_id": "diagnoses", "status_code": 400,
                   "data": [{"errors": [{"type": "validation_error", "msg": "Encounter does not exist"}]}]},
                  {"reference_id": "allergies", "status_code": 404,
                   "data": {"errors": [{"type": "object_not_found", "msg": "No Patient matches the given query."}]}},
                  {"reference_id": "notes", "status_code": 404, "data": {"detail": "Route not found"}},
                  {"reference_id": "vitals", "status_code": 400, "data": null}
                ]}""";

        UpstreamFailure failure = Failures.of(new UpstreamResult.Answered(400,
                answer.getBytes(StandardCharsets.UTF_8)));

        assertThat(failure.kind()).isEqualTo(FailureKind.VALIDATION);
        assertThat(failure.message()).isEqualTo("HTTP 400: sub-request diagnoses: Encounter does not exist");
        assertThat(failure.errors()).extracting(e -> e.get("reference_id"), e -> e.get("msg")).containsExactly(
                tuple("symptoms", "sub-request symptoms: accepted, but not kept: CARE keeps all of a batch or nothing"),
                tuple("diagnoses", "sub-request diagnoses: Encounter does not exist"),
                tuple("allergies", "sub-request allergies: No Patient matches the given query."),
                tuple("notes", "sub-request notes: Route not found"),
                tuple("vitals", "sub-request vitals: HTTP 400"));
    }

    @Test
    void caresOwnErrorListIsKeptAsItIs() {
        UpstreamFailure failure = Failures.of(new UpstreamResult.Answered(400, """
                {"errors": [{"type": "missing", "loc": ["gender"], "msg": "Field required"}]}"""
                .getBytes(StandardCharsets.UTF_8)));

        assertThat(failure.message()).isEqualTo("HTTP 400: Field required");
        assertThat(failure.errors()).containsExactly(Map.of("type", "missing", "loc", List.of("gender"),
                "msg", "Field required"));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
