package network.ohc.caresync.infrastructure.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import network.ohc.caresync.application.write.FieldError;
import network.ohc.caresync.application.write.PayloadSchemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Payload checks against JSON Schemas (draft 2020-12, networknt validator) kept as {@code schemas/<name>.json} on
 * the classpath, so a nurse hears at once that a field is missing instead of hours later from CARE.
 */
public class JsonSchemaPayloadSchemas implements PayloadSchemas {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * Formats are checked (a date of birth must be a real date), 5.0 counts as an integer as it does for CARE, and a
     * schema may say in words what a pattern means ({@code "message": {"pattern": "must be a phone number ..."}}).
     */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().errorMessageKeyword("message")
                    .formatAssertionsEnabled(true).losslessNarrowing(true).build()));
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
        Set<String> alternatives = new LinkedHashSet<>();
        for (Error error : schema.validate(node)) {
            if (String.valueOf(error.getEvaluationPath()).contains("anyOf")) {
                // {anyOf: [{required: [a]}, {required: [b], properties: {b: {minimum: 1}}}]} fails once per branch
                // ("a required", "b below 1"): say it once, naming the fields of every branch
                alternatives.add("required".equals(error.getKeyword()) ? error.getProperty() : lastName(error));
            } else {
                errors.add(new FieldError(field(error), message(error)));
            }
        }
        if (!alternatives.isEmpty()) {
            errors.add(new FieldError("payload", "one of " + String.join(", ", alternatives) + " is required"));
        }
        return errors;
    }

    private static String lastName(Error error) {
        var location = error.getInstanceLocation();
        return location.getNameCount() == 0 ? "payload" : String.valueOf(location.getElement(location.getNameCount() - 1));
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
