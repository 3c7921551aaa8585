package network.ohc.caresync.application.write;

import java.util.List;
import java.util.Map;

/** Port: checks a payload against a route's JSON Schema. */
public interface PayloadSchemas {

    /** The problems of the payload, each naming its field under {@code payload.}; empty when it is valid. */
    List<FieldError> validate(String schemaName, Map<String, Object> payload);

    boolean exists(String schemaName);
}
