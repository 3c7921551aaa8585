package network.ohc.caresync.application.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** JSON as care-sync reads and writes it outside the event store: plain values, and a canonical form for hashes. */
public final class Json {

    private static final ObjectMapper PLAIN = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private Json() {
    }

    public static byte[] bytes(Object value) {
        try {
            return PLAIN.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    public static String text(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /**
     * The value as JSON text that PostgreSQL can store in a jsonb column: a NUL character or a broken surrogate pair
     * in a string or key becomes U+FFFD ({@link StorableText}). Such text only ever comes from outside (CARE's
     * answers); the written JSON escapes it, so text without those escapes is returned as written.
     */
    public static String storableText(Object value) {
        String text = text(value);
        if (!text.contains("\\u0000") && !text.contains("\\uD") && !text.contains("\\ud")) {
            return text;
        }
        return text(StorableText.storable(parse(text)));
    }

    /** Keys sorted at every depth, so equal content always gives equal bytes. */
    public static byte[] canonicalBytes(Object value) {
        try {
            return CANONICAL.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON", e);
        }
    }

    public static String sha256(Object value) {
        return sha256Hex(canonicalBytes(value));
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Parses JSON into maps, lists, strings, numbers, booleans and nulls. */
    public static Object parse(byte[] json) {
        try {
            return json == null || json.length == 0 ? null : PLAIN.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON", e);
        }
    }

    public static Object parse(String json) {
        return json == null ? null : parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The value as a JSON object, or null when it is not one. */
    @SuppressWarnings("unchecked")
    /** A field of an answer from outside that should be text: the text, or null when it is missing or not text. */
    public static String textField(Map<String, Object> object, String field) {
        return object != null && object.get(field) instanceof String text ? text : null;
    }

    public static Map<String, Object> asObject(Object value) {
        return value instanceof Map<?, ?> ? (Map<String, Object>) value : null;
    }

    public static Map<String, Object> parseObject(byte[] json) {
        try {
            return json == null || json.length == 0 ? null : PLAIN.readValue(json, new TypeReference<>() {
            });
        } catch (IOException e) {
            return null;
        }
    }
}
