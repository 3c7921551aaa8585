package network.ohc.caresync.infrastructure.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.PayloadSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payload checks against JSON Schemas (draft 2020-12, networknt validator) kept as {@code schemas/<name>.json} on
 * the classpath, so a nurse hears at once that a field is missing instead of hours later from CARE.
 */
public class JsonSchemaPayloadSchemas implements PayloadSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    @Override
    public boolean exists(String schemaName) {
        return resource(schemaName) != null;
    }

    @Override
    public List<FieldError> validate(String schemaName, Map<String, Object> payload) {
        Schema schema = schemas.computeIfAbsent(schemaName, this::load);
        JsonNode node = MAPPER.valueToTree(payload);
        List<FieldError> errors = new ArrayList<>();
        List<String> alternatives = new ArrayList<>();
        for (Error error : schema.validate(node)) {
            if ("required".equals(error.getKeyword()) && String.valueOf(error.getEvaluationPath()).contains("anyOf")) {
                // {anyOf: [{required: [a]}, {required: [b]}]} fails as "a required" and "b required": say it once
                alternatives.add(error.getProperty());
            } else {
                errors.add(new FieldError(field(error), message(error)));
            }
        }
        if (!alternatives.isEmpty()) {
            errors.add(new FieldError("payload", "one of " + String.join(", ", alternatives) + " is required"));
        }
        return errors;
    }

    private Schema load(String name) {
        try (InputStream in = resource(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema named " + name);
            }
            return registry.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        if (!name.matches("[A-Za-z0-9_-]+")) {
            return null;
        }
        return JsonSchemaPayloadSchemas.class.getClassLoader().getResourceAsStream("schemas/" + name + ".json");
    }

    private static String field(Error error) {
        StringBuilder field = new StringBuilder("payload");
        var location = error.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                field.append('[').append(index).append(']');
            } else {
                field.append('.').append(element);
            }
        }
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field.append('.').append(error.getProperty());
        }
        return field.toString();
    }

    /** For {@code anyOf: [{required: [a]}, {required: [b]}]}: "one of a, b is required". */
    private static String oneOfRequired(JsonNode anyOf) {
        List<String> names = new ArrayList<>();
        if (anyOf != null && anyOf.isArray()) {
            for (JsonNode branch : anyOf) {
                JsonNode required = branch.get("required");
                if (required == null || !required.isArray() || required.size() != 1) {
                    return "does not match any of the allowed forms";
                }
                names.add(required.get(0).asText());
            }
        }
        return names.isEmpty() ? "does not match any of the allowed forms"
                : "one of " + String.join(", ", names) + " is required";
    }

    private static String message(Error error) {
        return switch (String.valueOf(error.getKeyword())) {
            case "required" -> "required";
            case "anyOf" -> oneOfRequired(error.getSchemaNode());
            default -> {
                String message = error.getMessage();
                int colon = message.indexOf(": ");
                yield colon >= 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
            }
        };
    }
}
