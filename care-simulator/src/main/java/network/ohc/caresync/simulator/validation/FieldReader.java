package network.ohc.caresync.simulator.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import network.ohc.caresync.simulator.http.CareErrors;
import network.ohc.caresync.simulator.http.Ids;

/**
 * Reads typed fields out of a JSON body and collects every problem at once, the way pydantic does:
 * one error per bad field, with pydantic's {@code type} and {@code msg} words.
 *
 * <p>Each read returns null when the field is absent, null or invalid; {@link #has} tells an
 * absent field from an explicit null, which a partial update needs.
 */
public final class FieldReader {

    private static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{6,14}$");
    private static final int PHONE_MAX_LENGTH = 14;
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final ObjectNode body;
    private final List<Object> prefix;
    private final List<FieldError> errors;

    public FieldReader(ObjectNode body) {
        this(body, List.of(), new ArrayList<>());
    }

    private FieldReader(ObjectNode body, List<Object> prefix, List<FieldError> errors) {
        this.body = body;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Reads a nested object; its errors are reported with {@code loc} starting at {@code path}. */
    public FieldReader nested(ObjectNode nestedBody, Object... path) {
        List<Object> nestedPrefix = new ArrayList<>(prefix);
        nestedPrefix.addAll(List.of(path));
        return new FieldReader(nestedBody, nestedPrefix, errors);
    }

    public boolean has(String field) {
        return body.has(field);
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws CARE's 400 with every error collected so far, if there is any. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw CareErrors.errors(400, errors.stream().map(FieldError::toJson).toArray(ObjectNode[]::new));
        }
    }

    public void error(String type, String msg, Object... loc) {
        List<Object> path = new ArrayList<>(prefix);
        path.addAll(List.of(loc));
        errors.add(new FieldError(type, path, msg));
    }

    /** A pydantic {@code ValueError} from a model validator: no field, "Value error, " in front. */
    public void valueError(String msg) {
        error("value_error", "Value error, " + msg);
    }

    private JsonNode present(String field, boolean required) {
        JsonNode value = body.get(field);
        if (value == null) {
            if (required) {
                error("missing", "Field required", field);
            }
            return null;
        }
        return value;
    }

    public String string(String field, Integer maxLength, boolean required) {
        JsonNode value = present(field, required);
        if (value == null || (value.isNull() && !required)) {
            return null;
        }
        if (!value.isTextual()) {
            error("string_type", "Input should be a valid string", field);
            return null;
        }
        String text = value.textValue();
        if (maxLength != null && text.length() > maxLength) {
            error("string_too_long", "String should have at most " + maxLength + " character"
                    + (maxLength == 1 ? "" : "s"), field);
            return null;
        }
        return text;
    }

    public String choice(String field, List<String> choices, boolean required) {
        JsonNode value = present(field, required);
        if (value == null || (value.isNull() && !required)) {
            return null;
        }
        if (!value.isTextual() || !choices.contains(value.textValue())) {
            error("enum", "Input should be " + describeChoices(choices), field);
            return null;
        }
        return value.textValue();
    }

    private static String describeChoices(List<String> choices) {
        List<String> quoted = choices.stream().map(c -> "'" + c + "'").toList();
        if (quoted.size() == 1) {
            return quoted.get(0);
        }
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " or " + quoted.get(quoted.size() - 1);
    }

    /** An E.164 phone number such as {@code +919876543210}, at most 14 characters as in CARE. */
    public String phone(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null || (value.isNull() && !required)) {
            return null;
        }
        if (!value.isTextual()) {
            error("string_type", "Input should be a valid string", field);
            return null;
        }
        String text = value.textValue().trim();
        if (!E164.matcher(text).matches()) {
            error("value_error", "value is not a valid phone number", field);
            return null;
        }
        if (text.length() > PHONE_MAX_LENGTH) {
            error("string_too_long", "String should have at most " + PHONE_MAX_LENGTH + " characters", field);
            return null;
        }
        return text;
    }

    /** pydantic's {@code UUID4}: a UUID, and of version 4. */
    public UUID uuid4(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null || (value.isNull() && !required)) {
            return null;
        }
        return uuid4Value(value, field);
    }

    public UUID uuid4Value(JsonNode value, Object... loc) {
        if (!value.isTextual()) {
            error("uuid_type", "UUID input should be a string, bytes or UUID object", loc);
            return null;
        }
        UUID id = Ids.parse(value.textValue()).orElse(null);
        if (id == null) {
            error("uuid_parsing", "Input should be a valid UUID, unable to parse string as a UUID", loc);
            return null;
        }
        if (id.version() != 4) {
            error("uuid_version", "UUID version 4 expected", loc);
            return null;
        }
        return id;
    }

    /** A {@code YYYY-MM-DD} date. */
    public LocalDate date(String field) {
        JsonNode value = present(field, false);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            try {
                return LocalDate.parse(value.textValue());
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        error("date_from_datetime_parsing", "Input should be a valid date or datetime, invalid date format", field);
        return null;
    }

    /** An ISO-8601 date-time; without an offset it is taken as UTC. */
    public Instant datetime(String field) {
        JsonNode value = present(field, false);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            String text = value.textValue().trim();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e2) {
                    // reported below
                }
            }
        }
        error("datetime_from_date_parsing", "Input should be a valid datetime or date, invalid datetime format",
                field);
        return null;
    }

    /** pydantic's lax int: a whole number, or a string holding one. */
    public Integer integer(String field, boolean required) {
        Long value = longInteger(field, required);
        if (value == null) {
            return null;
        }
        if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
            error("int_parsing", "Input should be a valid integer, unable to parse string as an integer", field);
            return null;
        }
        return value.intValue();
    }

    public Long longInteger(String field, boolean required) {
        JsonNode value = present(field, required);
        if (value == null || (value.isNull() && !required)) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isIntegralNumber()) {
            error("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size", field);
            return null;
        }
        if (value.isFloatingPointNumber()) {
            return wholeNumber(value, field);
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.textValue().trim());
            } catch (NumberFormatException e) {
                error("int_parsing", "Input should be a valid integer, unable to parse string as an integer", field);
                return null;
            }
        }
        error("int_type", "Input should be a valid integer", field);
        return null;
    }

    /**
     * A JSON number with a fraction or an exponent. {@code 1e999999999} reads as infinity (pydantic: not a finite
     * number); a finite one beyond a long is refused before {@link BigDecimal#longValue()}, which would first expand
     * it digit by digit.
     */
    private Long wholeNumber(JsonNode value, String field) {
        if (!Double.isFinite(value.doubleValue())) {
            error("finite_number", "Input should be a finite number", field);
            return null;
        }
        BigDecimal decimal = value.decimalValue();
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            error("int_from_float", "Input should be a valid integer, got a number with a fractional part", field);
            return null;
        }
        if (decimal.compareTo(LONG_MIN) < 0 || decimal.compareTo(LONG_MAX) > 0) {
            error("int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size", field);
            return null;
        }
        return decimal.longValueExact();
    }

    public Boolean bool(String field) {
        JsonNode value = present(field, false);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        error("bool_type", "Input should be a valid boolean", field);
        return null;
    }

    public ArrayNode list(String field) {
        JsonNode value = present(field, false);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            error("list_type", "Input should be a valid list", field);
            return null;
        }
        return (ArrayNode) value;
    }

    public ObjectNode object(String field) {
        JsonNode value = present(field, false);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error("dict_type", "Input should be a valid dictionary", field);
            return null;
        }
        return (ObjectNode) value;
    }
}
