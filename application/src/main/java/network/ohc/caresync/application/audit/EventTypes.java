package network.ohc.caresync.application.audit;

import network.ohc.caresync.domain.write.OfflineWriteCreated;
import org.axonframework.serialization.Revision;

import java.util.Optional;
import java.util.regex.Pattern;

/** The events of a write by simple name ({@code SyncAttempted}), as auditors name them in a filter. */
public final class EventTypes {

    private static final String PACKAGE = OfflineWriteCreated.class.getPackageName();
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Z][A-Za-z0-9]{0,99}");

    private EventTypes() {
    }

    /** The stored type name of the event with that simple name, or empty when there is no such event. */
    public static Optional<String> payloadTypeOf(String simpleName) {
        if (simpleName == null || !SIMPLE_NAME.matcher(simpleName).matches()) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(PACKAGE + "." + simpleName, false, EventTypes.class.getClassLoader());
            return type.isAnnotationPresent(Revision.class) ? Optional.of(type.getName()) : Optional.empty();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
