package network.ohc.caresync.application.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void aNulAndUnpairedSurrogatesBecomeTheReplacementCharacterWhilePairsStay() {
        assertThat(StorableText.storable("a\u0000b")).isEqualTo("a\ufffdb");
        assertThat(StorableText.storable("x\ud800y\udfffz")).isEqualTo("x\ufffdy\ufffdz");
        assertThat(StorableText.storable("end\ud83d")).isEqualTo("end\ufffd");
        String emoji = "smile \ud83d\ude00";
        assertThat(StorableText.storable(emoji)).isSameAs(emoji);
        assertThat(StorableText.isStorable(StorableText.storable("\udfff\ud800\u0000"))).isTrue();
    }

    @Test
    void textWiderThanItsColumnIsCutWithAnEllipsisNeverInsideAPair() {
        assertThat(StorableText.storable("abcdef", 4)).isEqualTo("abc\u2026");
        assertThat(StorableText.storable("ab\ud83d\ude00cd", 4)).isEqualTo("ab\u2026");
        assertThat(StorableText.storable("abcd", 4)).isEqualTo("abcd");
    }

    @Test
    void everyStringAndKeyOfAJsonValueIsMadeStorable() {
        Map<String, Object> answer = Map.of("note\u0000", List.of("\ud800", 5, Map.of("ok", "fine")));

        assertThat(StorableText.storable((Object) answer))
                .isEqualTo(Map.of("note\ufffd", List.of("\ufffd", 5, Map.of("ok", "fine"))));
        Map<String, Object> clean = Map.of("name", "Asha", "n", List.of(1, 2));
        assertThat(StorableText.storable((Object) clean)).isSameAs(clean);
    }

    @Test
    void jsonForJsonbHoldsNoEscapeOfANulOrALoneSurrogate() {
        String text = Json.storableText(Map.of("address", "Hill\u0000Road", "face", "\ud83d\ude00", "lone", "\udfff"));

        assertThat(text).doesNotContain("\\u0000").doesNotContainIgnoringCase("\\udfff");
        assertThat(Json.parse(text)).isEqualTo(Map.of("address", "Hill\ufffdRoad", "face", "\ud83d\ude00",
                "lone", "\ufffd"));
        assertThat(Json.storableText(Map.of("plain", "text"))).isEqualTo(Json.text(Map.of("plain", "text")));
    }
}
